/** " (п. 2.10.1)" after an item: the clause of the regulation it comes from, when it has one. */
import { clauseText } from '../format/clause.ts';

export function ClauseText({ clause }: { clause: string | null | undefined }) {
  if (!clause) return null;
  return <span className="clause"> ({clauseText(clause)})</span>;
}
