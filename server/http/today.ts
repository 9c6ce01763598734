/** Today's calendar date in a timezone, "YYYY-MM-DD" (the region's date, not the server's). */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function todayIn(timezone: string, now: Date): string {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timezone, f);
  }
  return f.format(now);
}
