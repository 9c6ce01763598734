/**
 * Forms a licence number from the registry's numbering pattern (registry.yaml `numbering`).
 *
 * @param pattern e.g. "35-{year}-{seq}"; `{seq}` is required, `{year}` optional, each may appear more than once
 * @param digits  zero-pad `{seq}` to this many digits (a longer sequence number is kept whole, never cut)
 * @param seq     the region's next sequence number (1, 2, ...)
 * @param year    the year of the decision that issues the licence
 */
export function formatLicenceNumber(pattern: string, digits: number, seq: number, year: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`licence sequence number must be a positive integer, got ${seq}`);
  if (!pattern.includes('{seq}')) throw new RangeError(`licence number pattern "${pattern}" has no {seq}`);
  const padded = String(seq).padStart(digits, '0');
  // A function replacement, so "$" in a pattern is never read as a replacement token.
  return pattern.replaceAll('{seq}', () => padded).replaceAll('{year}', () => String(year));
}
