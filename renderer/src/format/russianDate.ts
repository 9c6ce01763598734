/** Dates as people in Russia write them, ДД.ММ.ГГГГ, whatever the browser's language. */

/** "2026-11-27" -> "27.11.2026"; anything else unchanged. */
export function isoToRussian(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

/**
 * "27.11.2026" (also "27/11/2026", "27-11-2026", single-digit day or month) -> "2026-11-27";
 * null when the text is not a whole date that exists.
 */
export function russianToIso(text: string): string | null {
  const m = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
