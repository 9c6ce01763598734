/**
 * The working calendar answers from precomputed year tables; these properties check every answer
 * against the plain definition, a walk over the days one by one, on the published federal calendar
 * (2024–2026), the provisional years around it (art. 112 alone) and random regional overlays; and
 * localTime, which remembers its last answer per zone, against a fresh Intl call.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarYearFile } from '../config/types/generated.ts';
import { fromDayNumber, isWeekend, toDayNumber, yearOf } from '../config/dates/isoDate.ts';
import { baseHolidays } from '../engine/calendar/baseHolidays.ts';
import { createWorkingCalendar } from '../engine/calendar/createWorkingCalendar.ts';
import { localTime } from '../engine/calendar/localTime.ts';
import type { DueDate } from '../engine/api.ts';
import { loadSharedCalendar } from './helpers/sharedCalendar.ts';

const federal = loadSharedCalendar();

/** The definition, day by day: what the tables must agree with. */
function walkingCalendar(overlay: Record<number, CalendarYearFile>) {
  const provisional = (day: number) => federal[yearOf(day)] === undefined;
  const known = new Map<number, boolean>();
  const isWorking = (day: number) => {
    let working = known.get(day);
    if (working === undefined) known.set(day, (working = judge(day)));
    return working;
  };
  const judge = (day: number) => {
    const date = fromDayNumber(day);
    const year = yearOf(day);
    const f = federal[year];
    const o = overlay[year];
    const off = f ? (f.nonWorking ?? []).some((e) => e.date === date) : baseHolidays(year).has(date);
    if (off || (o?.nonWorking ?? []).some((e) => e.date === date)) return false;
    if (!isWeekend(day)) return true;
    return [...(f?.workingWeekends ?? []), ...(o?.workingWeekends ?? [])].some((e) => e.date === date);
  };
  return {
    isWorking,
    add(from: string, n: number): DueDate {
      let day = toDayNumber(from);
      let prov = false;
      if (n === 0) {
        for (; ; day++) {
          prov ||= provisional(day);
          if (isWorking(day)) return { date: fromDayNumber(day), provisional: prov };
        }
      }
      for (let left = n; left > 0; ) {
        day++;
        prov ||= provisional(day);
        if (isWorking(day)) left--;
      }
      return { date: fromDayNumber(day), provisional: prov };
    },
    count(a: string, b: string): number {
      const [from, to, sign] = toDayNumber(a) <= toDayNumber(b) ? [toDayNumber(a), toDayNumber(b), 1] : [toDayNumber(b), toDayNumber(a), -1];
      let n = 0;
      for (let day = from + 1; day <= to; day++) if (isWorking(day)) n++;
      return sign * n;
    },
  };
}

const FIRST = toDayNumber('2022-06-01');
const LAST = toDayNumber('2029-12-31');
/** Any day, or (as often) one within a week of a New Year, where a count may cross into another year's table. */
const dayArb = fc.oneof(
  fc.integer({ min: FIRST, max: LAST }).map(fromDayNumber),
  fc.tuple(fc.integer({ min: 2022, max: 2029 }), fc.integer({ min: -7, max: 7 })).map(([year, offset]) => fromDayNumber(toDayNumber(`${year}-01-01`) + offset)),
);

/** A region's own days: a few days off (any weekday) and worked weekends, in 2023–2028. */
const overlayArb = fc
  .record({
    off: fc.array(fc.integer({ min: toDayNumber('2023-01-01'), max: toDayNumber('2028-12-31') }), { maxLength: 12 }),
    worked: fc.array(fc.integer({ min: toDayNumber('2023-01-01'), max: toDayNumber('2028-12-31') }).filter(isWeekend), { maxLength: 6 }),
  })
  .map(({ off, worked }) => {
    const overlay: Record<number, CalendarYearFile> = {};
    const yearFile = (day: number) => (overlay[yearOf(day)] ??= { year: yearOf(day), nonWorking: [], workingWeekends: [] });
    for (const day of off) yearFile(day).nonWorking!.push({ date: fromDayNumber(day), title: 'Региональный выходной' });
    for (const day of worked) yearFile(day).workingWeekends!.push({ date: fromDayNumber(day), title: 'Рабочая суббота' });
    return overlay;
  });

describe('working calendar tables agree with the day-by-day definition', () => {
  it('isWorkingDay and isProvisional, every day from mid-2022 to 2029', () => {
    const tables = createWorkingCalendar({ federal, overlay: {} });
    const walk = walkingCalendar({});
    for (let day = FIRST; day <= LAST; day++) {
      const date = fromDayNumber(day);
      expect(tables.isWorkingDay(date), date).toBe(walk.isWorking(day));
      expect(tables.isProvisional(date), date).toBe(federal[yearOf(day)] === undefined);
    }
  });

  it('addWorkingDays, including 0 days and spans over New Year and into provisional years', () => {
    fc.assert(
      fc.property(overlayArb, fc.array(fc.tuple(dayArb, fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 20 }), (overlay, cases) => {
        const tables = createWorkingCalendar({ federal, overlay });
        const walk = walkingCalendar(overlay);
        for (const [from, n] of cases) expect(tables.addWorkingDays(from, n), `${from} + ${n}`).toEqual(walk.add(from, n));
      }),
      { numRuns: 60 },
    );
  });

  it('countWorkingDays in both directions, and nextWorkingDay', () => {
    fc.assert(
      fc.property(overlayArb, fc.array(fc.tuple(dayArb, dayArb), { minLength: 1, maxLength: 10 }), (overlay, pairs) => {
        const tables = createWorkingCalendar({ federal, overlay });
        const walk = walkingCalendar(overlay);
        for (const [a, b] of pairs) {
          expect(tables.countWorkingDays(a, b), `${a}..${b}`).toBe(walk.count(a, b));
          expect(tables.nextWorkingDay(a, false), `after ${a}`).toBe(walk.add(a, 1).date);
          expect(tables.nextWorkingDay(a, true), `from ${a}`).toBe(walk.add(a, 0).date);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a calendar with no working day for ten years instead of looping', () => {
    const everyDayOff: Record<number, CalendarYearFile> = {};
    for (let year = 2030; year < 2045; year++) {
      const nonWorking = [];
      for (let day = toDayNumber(`${year}-01-01`); day < toDayNumber(`${year + 1}-01-01`); day++) nonWorking.push({ date: fromDayNumber(day), title: 'x' });
      everyDayOff[year] = { year, nonWorking };
    }
    const tables = createWorkingCalendar({ federal, overlay: everyDayOff });
    expect(() => tables.addWorkingDays('2030-01-01', 1)).toThrow(/no working day within 10 years/);
  });
});

describe('localTime remembers the last minute per zone', () => {
  const ZONES = ['Europe/Moscow', 'Asia/Kathmandu', 'Asia/Kolkata', 'America/St_Johns', 'Europe/Kaliningrad', 'Asia/Kamchatka'];
  const fresh = (instant: Date, timeZone: string) => {
    const parts: Record<string, string> = {};
    const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (const p of format.formatToParts(instant)) parts[p.type] = p.value;
    return { date: `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
  };

  it('answers as a fresh Intl call for instants in the same and in other minutes, across zones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.array(fc.integer({ min: -90_000, max: 90_000 }), { maxLength: 4 }), fc.constantFrom(...ZONES)), { minLength: 1, maxLength: 10 }),
        (cases) => {
          for (const [ms, nearby, zone] of cases) {
            for (const t of [ms, ...nearby.map((d) => ms + d)]) expect(localTime(new Date(t), zone), `${new Date(t).toISOString()} ${zone}`).toEqual(fresh(new Date(t), zone));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
