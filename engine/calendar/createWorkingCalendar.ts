import type { CalendarYearFile } from '../../config/types/generated.ts';
import type { RegionCalendar } from '../../config/types/RegionConfig.ts';
import type { DueDate, IsoDate } from '../api.ts';
import { ReglamentError } from '../errors.ts';
import { baseHolidays } from './baseHolidays.ts';
import { fromDayNumber, isWeekend, toDayNumber, yearOf } from '../../config/dates/isoDate.ts';
import type { WorkingCalendar } from './WorkingCalendar.ts';

/**
 * One calendar year, precomputed once: which of its days are working days and how many working days
 * precede each one. Every question the calendar answers is then a lookup or a short loop over years,
 * never a walk over days: due dates are computed on every filing and every transition.
 */
interface YearTable {
  readonly year: number;
  /** Day number (days since 1970-01-01) of 1 January. */
  readonly first: number;
  /** 365 or 366. */
  readonly length: number;
  readonly provisional: boolean;
  /** before[i]: working days among the year's days 0..i-1; before[length] is the year's total. */
  readonly before: Uint16Array;
  /** Day-of-year index of each working day, in order: the k-th working day of the year is working[k]. */
  readonly working: Uint16Array;
}

/** No real calendar has ten years without a working day: past this a config made every day a day off. */
const MAX_SCAN_YEARS = 10;

const datesOf = (entries: CalendarYearFile['nonWorking']): IsoDate[] => (entries ?? []).map((e) => e.date);

/**
 * Builds the working calendar of a region. A year with a federal file uses it as published; a year without
 * one (e.g. 2027 before its decree) uses the base rule of Labour Code art. 112 and is provisional. The
 * region's own non-working days (overlay) are added on top in both cases; an overlay may also list
 * working weekends of its own.
 *
 * Each year's table is built the first time a date in it is asked about and kept. `provisional` in a
 * result is true when any day from the first one looked at to the result lies in a provisional year,
 * exactly as a day-by-day walk would report it (test/calendarTables.test.ts compares the two).
 */
export function createWorkingCalendar(calendar: RegionCalendar): WorkingCalendar {
  const years = new Map<number, YearTable>();

  const build = (year: number): YearTable => {
    const federal = calendar.federal[year];
    const overlay = calendar.overlay[year];
    const nonWorking = new Set<IsoDate>([...(federal ? datesOf(federal.nonWorking) : baseHolidays(year).keys()), ...datesOf(overlay?.nonWorking)]);
    const workingWeekends = new Set<IsoDate>([...datesOf(federal?.workingWeekends), ...datesOf(overlay?.workingWeekends)]);
    const first = Date.UTC(year, 0, 1) / 86_400_000;
    const length = (Date.UTC(year + 1, 0, 1) / 86_400_000) - first;
    const before = new Uint16Array(length + 1);
    const working: number[] = [];
    for (let i = 0; i < length; i++) {
      const day = first + i;
      let isWorking = !isWeekend(day);
      if (nonWorking.size > 0 || workingWeekends.size > 0) {
        const date = fromDayNumber(day);
        if (nonWorking.has(date)) isWorking = false;
        else if (!isWorking && workingWeekends.has(date)) isWorking = true;
      }
      if (isWorking) working.push(i);
      before[i + 1] = before[i] + (isWorking ? 1 : 0);
    }
    return { year, first, length, provisional: !federal, before, working: Uint16Array.from(working) };
  };

  const tableOf = (year: number): YearTable => {
    let table = years.get(year);
    if (!table) {
      table = build(year);
      years.set(year, table);
    }
    return table;
  };

  const tableOfDay = (day: number): YearTable => tableOf(yearOf(day));

  /** True if the day is a working day. */
  const isWorking = (day: number): boolean => {
    const t = tableOfDay(day);
    const i = day - t.first;
    return t.before[i + 1] !== t.before[i];
  };

  /** Whether any year from `fromYear` to `toYear` (inclusive) is provisional. */
  const anyProvisional = (fromYear: number, toYear: number): boolean => {
    for (let y = fromYear; y <= toYear; y++) if (tableOf(y).provisional) return true;
    return false;
  };

  /**
   * The k-th working day (k >= 1) counted from the day after `day`, or `day` itself for k = 0 when it is
   * a working day (else the next one): the one place where counting crosses years.
   */
  const nthWorkingFrom = (day: number, k: number, inclusive: boolean): number => {
    let t = tableOfDay(day);
    // Working days of t up to and including `day` (or before it, when `day` itself may count).
    let passed = t.before[day - t.first + (inclusive ? 0 : 1)];
    let wanted = inclusive ? Math.max(k, 1) : k;
    let emptyYears = 0;
    for (;;) {
      const left = t.working.length - passed;
      if (wanted <= left) return t.first + t.working[passed + wanted - 1];
      wanted -= left;
      emptyYears = t.working.length === 0 ? emptyYears + 1 : 0;
      if (emptyYears >= MAX_SCAN_YEARS) throw new ReglamentError(`no working day within ${MAX_SCAN_YEARS} years of ${fromDayNumber(day)}`);
      t = tableOf(t.year + 1);
      passed = 0;
    }
  };

  const addWorkingDays = (from: IsoDate, n: number): DueDate => {
    if (!Number.isInteger(n) || n < 0) throw new ReglamentError(`working days must be a whole number >= 0, got ${n}`);
    const day = toDayNumber(from);
    const result = n === 0 ? nthWorkingFrom(day, 0, true) : nthWorkingFrom(day, n, false);
    // The days looked at run from `from` (n = 0) or the day after it, to the result.
    return { date: fromDayNumber(result), provisional: anyProvisional(yearOf(n === 0 ? day : day + 1), yearOf(result)) };
  };

  const countWorkingDays = (fromExclusive: IsoDate, toInclusive: IsoDate): number => {
    const from = toDayNumber(fromExclusive);
    const to = toDayNumber(toInclusive);
    if (to < from) return -countWorkingDays(toInclusive, fromExclusive);
    const a = tableOfDay(from);
    const b = tableOfDay(to);
    // Working days up to and including `to`, less those up to and including `from`.
    let count = b.before[to - b.first + 1] - a.before[from - a.first + 1];
    for (let y = a.year; y < b.year; y++) count += tableOf(y).working.length;
    return count;
  };

  return {
    isWorkingDay: (date) => isWorking(toDayNumber(date)),
    isProvisional: (date) => tableOfDay(toDayNumber(date)).provisional,
    addWorkingDays,
    countWorkingDays,
    nextWorkingDay: (date, inclusive) => fromDayNumber(nthWorkingFrom(toDayNumber(date), inclusive ? 0 : 1, inclusive)),
  };
}
