import type { CalendarYearFile } from '../../../config/types/generated.ts';
import type { RegionCalendar, RegionConfig } from '../../../config/types/RegionConfig.ts';
import { compare, unionKeys, type DiffEntry } from './DiffEntry.ts';

/** Days off and working weekends: the region's own overlay, and the federal calendar it shares. */
export function diffCalendars(a: RegionConfig, b: RegionConfig, out: DiffEntry[]): void {
  for (const layer of ['overlay', 'federal'] as const) {
    const da = days(a.calendar, layer);
    const db = days(b.calendar, layer);
    for (const date of unionKeys(da, db).sort()) compare(out, 'calendar', `${layer === 'overlay' ? 'regional' : 'federal'} ${date}`, da[date], db[date]);
  }
}

/** Date -> "non-working: title" / "working: title" over every year of one layer. */
function days(calendar: RegionCalendar, layer: keyof RegionCalendar): Record<string, string> {
  const out: Record<string, string> = {};
  for (const year of Object.values(calendar[layer]) as CalendarYearFile[]) {
    for (const d of year.nonWorking ?? []) out[d.date] = `non-working: ${d.title}`;
    for (const d of year.workingWeekends ?? []) out[d.date] = `working: ${d.title}`;
  }
  return out;
}
