import type { IsoDate } from '../api.ts';
import { localTime } from './localTime.ts';

/** The calendar date an instant falls on in `timeZone` (IANA name), whatever the server's TZ. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  return localTime(instant, timeZone).date;
}
