/**
 * Valid Russian identifiers for test data, with correct control digits (the same checks as
 * engine/forms/identifiers.ts), drawn from a source of random integers.
 */

/** A source of integers in [min, max] (json-schema-faker's Random has this shape). */
export interface IntSource {
  int(min: number, max: number): number;
}

const digits = (r: IntSource, n: number, first?: number): number[] => Array.from({ length: n }, (_, i) => (i === 0 && first !== undefined ? first : r.int(0, 9)));
const control = (d: readonly number[], weights: readonly number[]) => (weights.reduce((s, w, i) => s + w * d[i], 0) % 11) % 10;
const mod = (ds: readonly number[], m: number) => ds.reduce((rem, d) => (rem * 10 + d) % m, 0);

/** ИНН of an organisation: 10 digits. */
export function sampleInn(r: IntSource): string {
  const d = digits(r, 9, r.int(1, 9));
  return [...d, control(d, [2, 4, 10, 3, 5, 9, 4, 6, 8])].join('');
}

/** ОГРН: 13 digits starting with 1, the last (first 12 mod 11) mod 10. */
export function sampleOgrn(r: IntSource): string {
  const d = digits(r, 12, 1);
  return [...d, mod(d, 11) % 10].join('');
}

/** ОГРНИП: 15 digits starting with 3, the last (first 14 mod 13) mod 10. */
export function sampleOgrnip(r: IntSource): string {
  const d = digits(r, 14, 3);
  return [...d, mod(d, 13) % 10].join('');
}

/** СНИЛС "123-456-789 01" with its control number. */
export function sampleSnils(r: IntSource): string {
  const d = digits(r, 9, r.int(1, 9));
  const sum = d.reduce((s, x, i) => s + x * (9 - i), 0);
  const c = String((sum % 101) % 100).padStart(2, '0');
  const s = d.join('');
  return `${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6, 9)} ${c}`;
}

/** A Russian phone number, "+7" and ten digits. */
export function samplePhone(r: IntSource): string {
  return `+79${digits(r, 9).join('')}`;
}

/**
 * A file field's sample value: one reference to an upload whose file name has `extension`. The id is
 * a placeholder; whoever files the data uploads a file for each reference first (test/helpers).
 */
export function sampleAttachment(extension: string): { id: string; name: string } {
  return { id: '00000000-0000-4000-8000-000000000000', name: `document.${extension}` };
}
