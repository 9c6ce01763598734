/**
 * Reads the federal production calendar from regions/_shared/calendar/ for tests, without the region
 * loader, so calendar tests depend only on the data and the engine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { CalendarYearFile } from '../../config/types/generated.ts';

/** Folder of the shared federal calendar files. */
export const sharedCalendarDir = fileURLToPath(new URL('../../regions/_shared/calendar/', import.meta.url));

/** Every <year>.yaml of the shared calendar, by year. */
export function loadSharedCalendar(): Record<number, CalendarYearFile> {
  const years: Record<number, CalendarYearFile> = {};
  for (const name of readdirSync(sharedCalendarDir)) {
    const m = /^(\d{4})\.yaml$/.exec(name);
    if (m) years[Number(m[1])] = parse(readFileSync(sharedCalendarDir + name, 'utf8')) as CalendarYearFile;
  }
  return years;
}
