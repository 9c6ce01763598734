/**
 * Checks the shared production calendar data (regions/_shared/calendar/*.yaml) against itself: the
 * schema, the published yearly totals, and what kind of day each entry may be.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import calendarSchema from '../config/schemas/calendar.schema.json' with { type: 'json' };
import commonSchema from '../config/schemas/common.schema.json' with { type: 'json' };
import { createWorkingCalendar } from '../engine/calendar/createWorkingCalendar.ts';
import { loadSharedCalendar, sharedCalendarDir } from './helpers/sharedCalendar.ts';

// ajv-formats is CommonJS: under NodeNext its callable export sits on .default.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const years = loadSharedCalendar();
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday

/** Working days of a year counted straight from the file, independent of the engine. */
function countYear(year: number): number {
  const file = years[year];
  const off = new Set((file.nonWorking ?? []).map((e) => e.date));
  const on = new Set((file.workingWeekends ?? []).map((e) => e.date));
  let count = 0;
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const wd = new Date(t).getUTCDay();
    if (on.has(date) || (wd !== 0 && wd !== 6 && !off.has(date))) count++;
  }
  return count;
}

describe('shared production calendar data', () => {
  it('has exactly the years with a published decree: 2024, 2025, 2026 (no guessed 2027)', () => {
    expect(Object.keys(years).map(Number).sort()).toEqual([2024, 2025, 2026]);
  });

  it.each([2024, 2025, 2026])('%i conforms to calendar.schema.json and names its schema on line 1', (year) => {
    const ajv = new Ajv2020({ allErrors: true });
    addFormats(ajv, ['date']);
    ajv.addSchema(commonSchema);
    const validate = ajv.compile(calendarSchema);
    expect(validate(years[year]), JSON.stringify(validate.errors)).toBe(true);
    expect(years[year].year).toBe(year);
    const firstLine = readFileSync(`${sharedCalendarDir}${year}.yaml`, 'utf8').split('\n')[0];
    expect(firstLine).toBe('# yaml-language-server: $schema=../../../config/schemas/calendar.schema.json');
  });

  it.each([
    [2024, 248],
    [2025, 247],
    [2026, 247],
  ])('%i has the published %i working days, counted from the file and by the engine', (year, total) => {
    expect(years[year].workingDaysTotal).toBe(total);
    expect(countYear(year)).toBe(total);
    const calendar = createWorkingCalendar({ federal: years, overlay: {} });
    expect(calendar.countWorkingDays(`${year - 1}-12-31`, `${year}-12-31`)).toBe(total);
  });

  it.each([2024, 2025, 2026])('%i lists only weekdays as non-working and only weekends as working', (year) => {
    for (const { date } of years[year].nonWorking ?? []) {
      expect(date.startsWith(`${year}-`), date).toBe(true);
      expect([1, 2, 3, 4, 5], date).toContain(weekday(date));
    }
    for (const { date } of years[year].workingWeekends ?? []) {
      expect(date.startsWith(`${year}-`), date).toBe(true);
      expect([0, 6], date).toContain(weekday(date));
    }
  });

  it('names the decree of each year', () => {
    expect(years[2024].source?.act).toContain('№ 1314');
    expect(years[2025].source?.act).toContain('№ 1335');
    expect(years[2026].source?.act).toContain('№ 1466');
  });
});
