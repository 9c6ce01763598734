/**
 * How inbox and registry search compare text, the same in every store: lower case, «ё» read as «е»,
 * and anything but letters and digits (quotes, dashes, punctuation) read as a space. A query matches
 * when each of its words occurs somewhere in the searched text (a part of a word is enough:
 * «северметалл» finds «ООО «СеверМеталлРесурс»», «7707» finds ИНН 7707083893).
 */

/** Longest query the search takes, in characters, and most words. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_WORDS = 8;

/** `text` as search compares it. */
export function normalizeSearchText(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a query, normalized, duplicates and words inside longer ones dropped; empty: no text filter. */
export function searchWords(query: string | undefined): string[] {
  if (!query) return [];
  const words = [...new Set(normalizeSearchText(query.slice(0, MAX_QUERY_LENGTH)).split(' ').filter(Boolean))];
  return words.filter((w) => !words.some((other) => other !== w && other.includes(w))).slice(0, MAX_QUERY_WORDS);
}

/** Whether every word occurs in `normalized` (a text already passed through normalizeSearchText). */
export function matchesWords(normalized: string, words: readonly string[]): boolean {
  return words.every((w) => normalized.includes(w));
}

/** The searchable text of several values, normalized; values are kept apart so no word spans two. */
export function searchTextOf(values: readonly (string | null | undefined)[]): string {
  return values
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map(normalizeSearchText)
    .filter(Boolean)
    .join(' ');
}
