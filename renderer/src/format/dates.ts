/** Dates and instants in Russian. */

const dateFormat = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2025-03-14" -> "14 марта 2025 г." (a calendar date: no time zone shift). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return dateFormat.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** An instant, shown in the given time zone (the region's) or the browser's. */
export function formatInstant(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeStyle: 'short', ...(timeZone && { timeZone }) }).format(d);
}

/** "2025-03-14" -> "14.03.2025", for dense tables. */
export function formatShortDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** An instant as "14.03.2025 10:05" in the given time zone (the region's) or the browser's. */
export function formatShortInstant(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short', ...(timeZone && { timeZone }) }).format(d).replace(',', '');
}
