import type { LicenceQuery, LicenceRecord } from '../api.ts';
import { matchesWords, normalizeSearchText, searchWords } from '../inbox/searchText.ts';

/** The fields of a licence a query can match and sort on. */
export type LicenceIndexEntry = Pick<LicenceRecord, 'number' | 'region' | 'status' | 'issuedOn' | 'attributes' | 'version'>;

/**
 * Applies a LicenceQuery: exact number, status and attribute match (values compared as text, so a
 * numeric ИНН stored as a number still matches), ordered by issue date, then number.
 */
export function selectLicences(
  entries: Iterable<LicenceIndexEntry>,
  query: LicenceQuery,
): { readonly numbers: readonly string[]; readonly total: number } {
  const matching: LicenceIndexEntry[] = [];
  const words = searchWords(query.text);
  for (const entry of entries) {
    if (entry.region !== query.region) continue;
    if (query.number !== undefined && entry.number !== query.number) continue;
    if (query.status !== undefined && entry.status !== query.status) continue;
    if (query.attribute !== undefined) {
      const value = Object.prototype.hasOwnProperty.call(entry.attributes, query.attribute.id)
        ? entry.attributes[query.attribute.id]
        : undefined;
      if (value === undefined || value === null || String(value) !== query.attribute.value) continue;
    }
    if (words.length > 0 && !textMatches(entry, words, query.textAttributes ?? [])) continue;
    matching.push(entry);
  }
  matching.sort((a, b) =>
    a.issuedOn !== b.issuedOn ? (a.issuedOn < b.issuedOn ? -1 : 1) : a.number < b.number ? -1 : a.number > b.number ? 1 : 0,
  );
  const numbers = matching.slice(query.offset, query.offset + query.limit).map((entry) => entry.number);
  return { numbers, total: matching.length };
}

/** Each word occurs in the number or in one of the named attributes (compared as search normalizes text). */
function textMatches(entry: LicenceIndexEntry, words: readonly string[], attributes: readonly string[]): boolean {
  const texts = [entry.number, ...attributes.map((id) => (Object.hasOwn(entry.attributes, id) ? entry.attributes[id] : undefined))]
    .filter((v) => v !== undefined && v !== null)
    .map((v) => normalizeSearchText(String(v)));
  return words.every((word) => texts.some((text) => matchesWords(text, [word])));
}
