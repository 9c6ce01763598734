/**
 * Working-day calendar on real dates of the published production calendar (regions/_shared/calendar).
 * Every expected date below is counted by hand from the decree; the comment shows the count.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deadline } from '../config/types/RegionConfig.ts';
import type { RegionFile } from '../config/types/generated.ts';
import { createWorkingCalendar } from '../engine/calendar/createWorkingCalendar.ts';
import { dueDate } from '../engine/calendar/dueDate.ts';
import { localDate } from '../engine/calendar/localDate.ts';
import { localTime } from '../engine/calendar/localTime.ts';
import { registrationDate } from '../engine/calendar/registrationDate.ts';
import { isReglamentError } from '../engine/errors.ts';
import { loadSharedCalendar } from './helpers/sharedCalendar.ts';

const federal = loadSharedCalendar();
const calendar = createWorkingCalendar({ federal, overlay: {} });

/** Office hours in the style of a regional regulation: Mon-Thu 09:00-18:00, Fri 09:00-16:45. */
const workingHours: NonNullable<RegionFile['workingHours']> = {
  periods: [
    { days: [1, 2, 3, 4], from: '09:00', to: '18:00' },
    { days: [5], from: '09:00', to: '16:45' },
  ],
};
const moscow = { timeZone: 'Europe/Moscow', workingHours, calendar };

const deadline = (over: Partial<Deadline>): Deadline => ({
  id: 'd',
  title: 'Срок',
  clause: '2.4',
  workingDays: 1,
  from: 'registration',
  ...over,
});

describe('isWorkingDay on the published calendar', () => {
  it.each([
    ['2024-12-27', true, 'Friday'],
    ['2024-12-28', true, 'Saturday worked by transfer (decree 1314)'],
    ['2024-12-30', false, 'Monday off, moved from Sat 28 Dec'],
    ['2024-12-31', false, 'Tuesday off, moved from Sun 7 Jan'],
    ['2025-01-08', false, 'last day of the New Year holidays'],
    ['2025-01-09', true, 'first working day of 2025'],
    ['2025-02-23', false, 'Sunday (the holiday itself was moved to 8 May)'],
    ['2025-02-24', true, 'Monday: the decree moved the holiday elsewhere'],
    ['2025-03-10', true, 'Monday: the decree moved 8 March to 13 June'],
    ['2025-05-02', false, 'moved from Sat 4 Jan'],
    ['2025-05-08', false, 'moved from Sun 23 Feb'],
    ['2025-06-13', false, 'moved from Sat 8 Mar'],
    ['2025-11-01', true, 'Saturday worked by transfer (decree 1335)'],
    ['2025-11-03', false, 'moved from Sat 1 Nov'],
    ['2025-12-31', false, 'moved from Sun 5 Jan'],
    ['2026-01-09', false, 'moved from Sat 3 Jan (decree 1466)'],
    ['2026-01-12', true, 'first working day of 2026'],
    ['2026-03-09', false, 'Sun 8 Mar moved by art. 112'],
    ['2026-05-11', false, 'Sat 9 May moved by art. 112'],
  ])('%s is working: %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
    expect(calendar.isProvisional(date)).toBe(false);
  });
});

describe('addWorkingDays and countWorkingDays', () => {
  it('crosses New Year 2025 through the working Saturday 28 Dec 2024', () => {
    // Fri 27 Dec -> Sat 28 Dec is a working day.
    expect(calendar.addWorkingDays('2024-12-27', 1)).toEqual({ date: '2024-12-28', provisional: false });
    // After Sat 28 Dec: 29 Sun, 30-31 Dec and 1-8 Jan off; Thu 9 Jan is day 1.
    expect(calendar.addWorkingDays('2024-12-28', 1)).toEqual({ date: '2025-01-09', provisional: false });
    // 9, 10 (2), 13-17 (7), 20 (8), 21 (9), 22 (10).
    expect(calendar.addWorkingDays('2024-12-28', 10).date).toBe('2025-01-22');
    expect(calendar.countWorkingDays('2024-12-28', '2025-01-22')).toBe(10);
  });

  it('counts 24 Feb and 10 Mar 2025 as working Mondays', () => {
    // Fri 21 Feb -> 22-23 weekend -> Mon 24 Feb.
    expect(calendar.addWorkingDays('2025-02-21', 1).date).toBe('2025-02-24');
    // Fri 7 Mar -> 8-9 weekend -> Mon 10 Mar.
    expect(calendar.addWorkingDays('2025-03-07', 1).date).toBe('2025-03-10');
  });

  it('skips the May 2025 holidays', () => {
    // After Wed 30 Apr: 1-2 May off, 3-4 weekend, Mon 5 May is day 1.
    expect(calendar.addWorkingDays('2025-04-30', 1).date).toBe('2025-05-05');
    // 5 (1), 6 (2), 7 (3); 8-9 off, 10-11 weekend; 12 (4), 13 (5).
    expect(calendar.addWorkingDays('2025-04-30', 5).date).toBe('2025-05-13');
    // May 2025 has 18 working days: 22 weekdays less 1, 2, 8 and 9 May.
    expect(calendar.countWorkingDays('2025-04-30', '2025-05-31')).toBe(18);
  });

  it('counts Saturday 1 Nov 2025 and skips 3-4 Nov', () => {
    expect(calendar.addWorkingDays('2025-10-31', 1).date).toBe('2025-11-01');
    // 1 Nov (1); 2 Sun, 3-4 off; Wed 5 Nov (2).
    expect(calendar.addWorkingDays('2025-10-31', 2).date).toBe('2025-11-05');
  });

  it('spans the 2026 New Year break, 31 Dec 2025 - 11 Jan 2026', () => {
    expect(calendar.addWorkingDays('2025-12-30', 1).date).toBe('2026-01-12');
    expect(calendar.countWorkingDays('2025-12-30', '2026-01-11')).toBe(0);
    expect(calendar.nextWorkingDay('2025-12-31', true)).toBe('2026-01-12');
    expect(calendar.nextWorkingDay('2025-12-30', true)).toBe('2025-12-30');
    expect(calendar.nextWorkingDay('2025-12-30', false)).toBe('2026-01-12');
  });

  it('skips Monday 9 Mar 2026', () => {
    // Fri 6 Mar -> 7-8 weekend, 9 off -> Tue 10 Mar.
    expect(calendar.addWorkingDays('2026-03-06', 1).date).toBe('2026-03-10');
  });

  it('with n = 0 returns the day itself if working, else the next working day', () => {
    expect(calendar.addWorkingDays('2025-02-24', 0).date).toBe('2025-02-24');
    expect(calendar.addWorkingDays('2025-05-01', 0).date).toBe('2025-05-05');
  });

  it('counts backwards as a negative number', () => {
    expect(calendar.countWorkingDays('2025-01-22', '2024-12-28')).toBe(-10);
    expect(calendar.countWorkingDays('2025-01-22', '2025-01-22')).toBe(0);
  });

  it('agrees with itself: counting back the days added gives n, and lands on a working day', () => {
    const day = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) });
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 80 }), (ms, n) => {
        const from = new Date(Math.floor(ms / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
        const due = calendar.addWorkingDays(from, n);
        return calendar.isWorkingDay(due.date) && calendar.countWorkingDays(from, due.date) === n;
      }),
    );
  });

  it('rejects impossible dates and negative counts as ReglamentError', () => {
    expect(() => calendar.addWorkingDays('2025-02-30', 1)).toThrow(/not a calendar date/);
    expect(() => calendar.isWorkingDay('30.12.2025')).toThrow(/not a calendar date/);
    let thrown: unknown;
    try {
      calendar.addWorkingDays('2025-01-09', -1);
    } catch (e) {
      thrown = e;
    }
    expect(isReglamentError(thrown)).toBe(true);
  });
});

describe('years without a published decree are provisional', () => {
  it('counts from 2026 into 2027 by the base rule and says so', () => {
    // 31 Dec 2026 off (moved from 4 Jan); 1-8 Jan 2027 holidays, 9-10 weekend; Mon 11 (1), Tue 12 (2).
    expect(calendar.addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-12', provisional: true });
    expect(calendar.addWorkingDays('2026-12-29', 1)).toEqual({ date: '2026-12-30', provisional: false });
    expect(calendar.isProvisional('2027-03-01')).toBe(true);
    expect(calendar.isProvisional('2026-12-31')).toBe(false);
  });

  it('moves 2027 weekend holidays to the next working day (art. 112)', () => {
    expect(calendar.isWorkingDay('2027-05-03')).toBe(false); // Sat 1 May -> Mon 3 May
    expect(calendar.isWorkingDay('2027-05-04')).toBe(true);
    expect(calendar.isWorkingDay('2027-05-10')).toBe(false); // Sun 9 May -> Mon 10 May
    expect(calendar.isWorkingDay('2027-06-14')).toBe(false); // Sat 12 Jun -> Mon 14 Jun
    expect(calendar.isWorkingDay('2027-02-23')).toBe(false); // Tuesday holiday
    expect(calendar.isWorkingDay('2027-01-11')).toBe(true); // January weekend holidays are not moved
  });

  it('reproduces the art. 112 moves of 2026 but not the decree ones when the 2026 file is absent', () => {
    const { 2026: _dropped, ...without2026 } = federal;
    const base = createWorkingCalendar({ federal: without2026, overlay: {} });
    expect(base.isWorkingDay('2026-03-09')).toBe(false);
    expect(base.isWorkingDay('2026-05-11')).toBe(false);
    // The decree's moves (3 Jan -> 9 Jan, 4 Jan -> 31 Dec) are unknown to the base rule: 261 weekdays less
    // 1, 2, 5-8 Jan, 23 Feb, 9 Mar, 1 May, 11 May, 12 Jun, 4 Nov = 249 instead of the published 247.
    expect(base.isWorkingDay('2026-01-09')).toBe(true);
    expect(base.countWorkingDays('2025-12-31', '2026-12-31')).toBe(249);
    expect(base.addWorkingDays('2026-01-08', 1)).toEqual({ date: '2026-01-09', provisional: true });
  });
});

describe('region overlay days', () => {
  const overlay = {
    2025: { year: 2025, nonWorking: [{ date: '2025-06-06', title: 'Курбан-байрам' }] },
    2027: { year: 2027, nonWorking: [{ date: '2027-08-30', title: 'День республики' }] },
  };
  const regional = createWorkingCalendar({ federal, overlay });

  it('adds the region’s own days off to a published year', () => {
    // Thu 5 Jun -> Fri 6 Jun off in the region, 7-8 weekend -> Mon 9 Jun.
    expect(regional.addWorkingDays('2025-06-05', 1).date).toBe('2025-06-09');
    expect(calendar.addWorkingDays('2025-06-05', 1).date).toBe('2025-06-06');
  });

  it('adds them to a provisional year too', () => {
    expect(regional.isWorkingDay('2027-08-30')).toBe(false);
    expect(calendar.isWorkingDay('2027-08-30')).toBe(true);
  });
});

describe('registrationDate', () => {
  it('registers a Friday-evening application of 27 Dec 2024 on the working Saturday 28 Dec', () => {
    // 17:30 Moscow is after the Friday closing time of 16:45.
    expect(registrationDate(new Date('2024-12-27T17:30:00+03:00'), moscow)).toBe('2024-12-28');
    // Without office hours any moment of a working day counts.
    expect(registrationDate(new Date('2024-12-27T17:30:00+03:00'), { ...moscow, workingHours: undefined })).toBe(
      '2024-12-27',
    );
  });

  it('uses the first weekday’s hours on a working Saturday', () => {
    expect(registrationDate(new Date('2024-12-28T10:00:00+03:00'), moscow)).toBe('2024-12-28');
    // After 18:00 on Sat 28 Dec: the next working day is Thu 9 Jan 2025.
    expect(registrationDate(new Date('2024-12-28T19:00:00+03:00'), moscow)).toBe('2025-01-09');
  });

  it('registers within hours on the same day, before opening on the next working day', () => {
    expect(registrationDate(new Date('2025-02-24T09:00:00+03:00'), moscow)).toBe('2025-02-24');
    expect(registrationDate(new Date('2025-02-24T17:59:00+03:00'), moscow)).toBe('2025-02-24');
    expect(registrationDate(new Date('2025-02-24T18:00:00+03:00'), moscow)).toBe('2025-02-25');
    expect(registrationDate(new Date('2025-02-24T08:59:00+03:00'), moscow)).toBe('2025-02-25');
  });

  it('moves an application received on a holiday to the next working day', () => {
    expect(registrationDate(new Date('2025-05-01T11:00:00+03:00'), moscow)).toBe('2025-05-05');
  });
});

describe('timezones', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  // 20:30 UTC on Tue 30 Dec 2025 is 23:30 that day in Moscow and 06:30 on Wed 31 Dec (a day off) in Vladivostok.
  const lateEvening = new Date('2025-12-30T20:30:00Z');
  // 23:59 UTC on Fri 27 Dec 2024 is 02:59 on the working Saturday 28 Dec in Moscow.
  const nearMidnight = new Date('2024-12-27T23:59:00Z');

  it.each(['UTC', 'Europe/Moscow', 'Asia/Vladivostok', 'America/Los_Angeles', 'Pacific/Kiritimati'])(
    'gives the same local dates whatever the server TZ (%s)',
    (serverTz) => {
      process.env.TZ = serverTz;
      expect(localTime(lateEvening, 'Europe/Moscow')).toEqual({ date: '2025-12-30', minutes: 23 * 60 + 30 });
      expect(localTime(lateEvening, 'Asia/Vladivostok')).toEqual({ date: '2025-12-31', minutes: 6 * 60 + 30 });
      expect(localDate(lateEvening, 'UTC')).toBe('2025-12-30');
      expect(localDate(nearMidnight, 'UTC')).toBe('2024-12-27');
      expect(localDate(nearMidnight, 'Europe/Moscow')).toBe('2024-12-28');

      const noHours = { calendar };
      expect(registrationDate(lateEvening, { ...noHours, timeZone: 'Europe/Moscow' })).toBe('2025-12-30');
      // 31 Dec 2025 - 11 Jan 2026 are off: Vladivostok registers on Mon 12 Jan.
      expect(registrationDate(lateEvening, { ...noHours, timeZone: 'Asia/Vladivostok' })).toBe('2026-01-12');
      expect(registrationDate(nearMidnight, { ...noHours, timeZone: 'Europe/Moscow' })).toBe('2024-12-28');
      // 02:59 is before opening: next working day after Sat 28 Dec 2024 is Thu 9 Jan 2025.
      expect(registrationDate(nearMidnight, moscow)).toBe('2025-01-09');
    },
  );

  it('rejects an unknown timezone', () => {
    expect(() => localDate(lateEvening, 'Mars/Olympus')).toThrow(/unknown timezone/);
  });
});

describe('dueDate', () => {
  const anchors = { receipt: '2024-12-28', registration: '2024-12-28', stepStart: '2025-04-30', milestones: { decision: '2025-10-31' } };

  it('counts from the working day after the anchor', () => {
    expect(dueDate(deadline({ workingDays: 10 }), anchors, calendar)).toEqual({ date: '2025-01-22', provisional: false });
    // From Wed 30 Apr 2025: 5 (1), 6, 7, 12 (4), 13 (5).
    expect(dueDate(deadline({ workingDays: 5, from: 'stepStart' }), anchors, calendar)?.date).toBe('2025-05-13');
    // From Fri 31 Oct 2025: Sat 1 Nov (1), Wed 5 Nov (2).
    expect(dueDate(deadline({ workingDays: 2, from: 'decision' }), anchors, calendar)?.date).toBe('2025-11-05');
  });

  it('ends a same-day limit on the anchor day when it is a working day', () => {
    expect(dueDate(deadline({ workingDays: 1, sameDay: true }), anchors, calendar)?.date).toBe('2024-12-28');
    expect(dueDate(deadline({ workingDays: 1 }), anchors, calendar)?.date).toBe('2025-01-09');
    // Anchor on a holiday (1 May 2025): day 1 is the next working day, Mon 5 May; day 2 is Tue 6 May.
    const holiday = { ...anchors, stepStart: '2025-05-01' };
    expect(dueDate(deadline({ workingDays: 1, sameDay: true, from: 'stepStart' }), holiday, calendar)?.date).toBe('2025-05-05');
    expect(dueDate(deadline({ workingDays: 2, sameDay: true, from: 'stepStart' }), holiday, calendar)?.date).toBe('2025-05-06');
  });

  it('is provisional when the count reaches 2027', () => {
    const late = { ...anchors, stepStart: '2026-12-30' };
    expect(dueDate(deadline({ workingDays: 2, from: 'stepStart' }), late, calendar)).toEqual({
      date: '2027-01-12',
      provisional: true,
    });
  });

  it('is null until the anchor milestone happens, including names on Object.prototype', () => {
    expect(dueDate(deadline({ from: 'signing' }), anchors, calendar)).toBeNull();
    expect(dueDate(deadline({ from: 'constructor' }), anchors, calendar)).toBeNull();
  });
});
