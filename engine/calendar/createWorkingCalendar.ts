import type { CalendarYearFile } from '../../config/types/generated.ts';
import type { RegionCalendar } from '../../config/types/RegionConfig.ts';
import type { DueDate, IsoDate } from '../api.ts';
import { ReglamentError } from '../errors.ts';
import { baseHolidays } from './baseHolidays.ts';
import { fromDayNumber, isWeekend, toDayNumber, yearOf } from '../../config/dates/isoDate.ts';
import type { WorkingCalendar } from './WorkingCalendar.ts';

/** How one year's days are judged. */
interface YearRules {
  readonly provisional: boolean;
  readonly nonWorking: ReadonlySet<IsoDate>;
  readonly workingWeekends: ReadonlySet<IsoDate>;
}

/** No real calendar has ten years without a working day: past this a config made every day a day off. */
const MAX_SCAN_DAYS = 3660;

const datesOf = (entries: CalendarYearFile['nonWorking']): IsoDate[] => (entries ?? []).map((e) => e.date);

/**
 * Builds the working calendar of a region. A year with a federal file uses it as published; a year without
 * one (e.g. 2027 before its decree) uses the base rule of Labour Code art. 112 and is provisional. The
 * region's own non-working days (overlay) are added on top in both cases; an overlay may also list
 * working weekends of its own.
 */
export function createWorkingCalendar(calendar: RegionCalendar): WorkingCalendar {
  const years = new Map<number, YearRules>();

  const rulesFor = (year: number): YearRules => {
    let rules = years.get(year);
    if (!rules) {
      const federal = calendar.federal[year];
      const overlay = calendar.overlay[year];
      const nonWorking = new Set<IsoDate>([
        ...(federal ? datesOf(federal.nonWorking) : baseHolidays(year).keys()),
        ...datesOf(overlay?.nonWorking),
      ]);
      const workingWeekends = new Set<IsoDate>([
        ...datesOf(federal?.workingWeekends),
        ...datesOf(overlay?.workingWeekends),
      ]);
      rules = { provisional: !federal, nonWorking, workingWeekends };
      years.set(year, rules);
    }
    return rules;
  };

  const isWorking = (day: number): boolean => {
    const date = fromDayNumber(day);
    const rules = rulesFor(yearOf(day));
    if (rules.nonWorking.has(date)) return false;
    return !isWeekend(day) || rules.workingWeekends.has(date);
  };

  const provisional = (day: number): boolean => rulesFor(yearOf(day)).provisional;

  /** First working day >= `day`, noting whether any day passed over is provisional. */
  const scanToWorking = (day: number): { day: number; provisional: boolean } => {
    let prov = false;
    for (let i = 0; i < MAX_SCAN_DAYS; i++, day++) {
      prov ||= provisional(day);
      if (isWorking(day)) return { day, provisional: prov };
    }
    throw new ReglamentError(`no working day within ${MAX_SCAN_DAYS} days of ${fromDayNumber(day - MAX_SCAN_DAYS)}`);
  };

  const addWorkingDays = (from: IsoDate, n: number): DueDate => {
    if (!Number.isInteger(n) || n < 0) throw new ReglamentError(`working days must be a whole number >= 0, got ${n}`);
    let day = toDayNumber(from);
    let prov = false;
    if (n === 0) {
      const hit = scanToWorking(day);
      return { date: fromDayNumber(hit.day), provisional: hit.provisional };
    }
    for (let left = n; left > 0; left--) {
      const hit = scanToWorking(day + 1);
      day = hit.day;
      prov ||= hit.provisional;
    }
    return { date: fromDayNumber(day), provisional: prov };
  };

  const countWorkingDays = (fromExclusive: IsoDate, toInclusive: IsoDate): number => {
    const from = toDayNumber(fromExclusive);
    const to = toDayNumber(toInclusive);
    if (to < from) return -countWorkingDays(toInclusive, fromExclusive);
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (isWorking(day)) count++;
    return count;
  };

  return {
    isWorkingDay: (date) => isWorking(toDayNumber(date)),
    isProvisional: (date) => provisional(toDayNumber(date)),
    addWorkingDays,
    countWorkingDays,
    nextWorkingDay: (date, inclusive) => fromDayNumber(scanToWorking(toDayNumber(date) + (inclusive ? 0 : 1)).day),
  };
}
