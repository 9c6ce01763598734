/** A clause reference as the text reads it: "п. 2.10.1" for a numbered clause, "Приложение 1, п. 3" as it is. */
export const clauseText = (clause: string): string => (/^\d/.test(clause) ? `п. ${clause}` : clause);
