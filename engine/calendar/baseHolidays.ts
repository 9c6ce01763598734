/**
 * The non-working days of Labour Code art. 112 alone, for a year whose Government decree is not loaded.
 */
import type { IsoDate } from '../api.ts';
import { fromDayNumber, isWeekend, toDayNumber } from '../../config/dates/isoDate.ts';

/** Art. 112 holidays as [month, day, title]. */
const HOLIDAYS: readonly (readonly [number, number, string])[] = [
  [1, 1, 'Новогодние каникулы'],
  [1, 2, 'Новогодние каникулы'],
  [1, 3, 'Новогодние каникулы'],
  [1, 4, 'Новогодние каникулы'],
  [1, 5, 'Новогодние каникулы'],
  [1, 6, 'Новогодние каникулы'],
  [1, 7, 'Рождество Христово'],
  [1, 8, 'Новогодние каникулы'],
  [2, 23, 'День защитника Отечества'],
  [3, 8, 'Международный женский день'],
  [5, 1, 'Праздник Весны и Труда'],
  [5, 9, 'День Победы'],
  [6, 12, 'День России'],
  [11, 4, 'День народного единства'],
];

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Non-working dates of `year` by the base rule of art. 112: the holidays themselves, and for each
 * non-January holiday that falls on a Saturday or Sunday, the next working day. January holidays are
 * not moved automatically: only the yearly decree moves them, and it is not known for this year.
 * Returns date -> title (weekend holidays included, harmlessly).
 */
export function baseHolidays(year: number): ReadonlyMap<IsoDate, string> {
  const off = new Map<IsoDate, string>();
  for (const [month, day, title] of HOLIDAYS) off.set(`${year}-${pad(month)}-${pad(day)}`, title);
  for (const [month, day, title] of HOLIDAYS) {
    if (month === 1) continue;
    let d = toDayNumber(`${year}-${pad(month)}-${pad(day)}`);
    if (!isWeekend(d)) continue;
    // Skip weekends, other holidays and days already taken by an earlier move (9 May on Sunday after 1 May on Saturday).
    do d += 1;
    while (isWeekend(d) || off.has(fromDayNumber(d)));
    off.set(fromDayNumber(d), `Перенос праздника «${title}» (ст. 112 ТК РФ)`);
  }
  return off;
}
