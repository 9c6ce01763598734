import type { RegionFile } from '../../config/types/generated.ts';
import type { IsoDate } from '../api.ts';
import { toDayNumber, weekdayOf } from '../../config/dates/isoDate.ts';
import { localTime } from './localTime.ts';
import type { WorkingCalendar } from './WorkingCalendar.ts';

type WorkingHours = NonNullable<RegionFile['workingHours']>;
type Period = WorkingHours['periods'][number];

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** How an application's registration day was found: which rule of region.yaml decided it. */
export type RegistrationRule =
  /** A working day, and the region sets neither office hours nor a cut-off. */
  | 'workingDay'
  /** A working day, within office hours. */
  | 'withinHours'
  /** A working day, before the electronic filings' cut-off. */
  | 'beforeCutoff'
  /** Received on a non-working day: registered on the next working day. */
  | 'nonWorkingDay'
  /** Received on a working day outside office hours: registered on the next working day. */
  | 'outsideHours'
  /** Received on a working day at or after the cut-off: registered on the next working day. */
  | 'afterCutoff';

export interface RegistrationOptions {
  readonly timeZone: string;
  readonly workingHours?: RegionFile['workingHours'];
  readonly electronicCutoff?: RegionFile['electronicCutoff'];
  readonly calendar: WorkingCalendar;
}

/**
 * Office hours for an ISO weekday. A working Saturday (a transferred day) is usually absent from the
 * periods: it then keeps the hours of the first weekday listed (normally Monday, the day such transfers
 * most often replace). A region that works different hours on those days lists 6 or 7 in a period.
 */
function periodsFor(hours: WorkingHours, weekday: number): readonly Period[] {
  const own = hours.periods.filter((p) => p.days.includes(weekday));
  if (own.length > 0) return own;
  const first = Math.min(...hours.periods.flatMap((p) => p.days));
  return hours.periods.filter((p) => p.days.includes(first));
}

/**
 * The day an application is registered (regulation 2.12, 3.2.1.2) and the rule that decided it. Every
 * filing through this system is electronic. On a working day: with `electronicCutoff`, the same day if
 * it came before the cut-off (even before the office opens), else the next working day; otherwise,
 * with office hours, the same day if it came within them ("outside hours" includes before opening: the
 * regulation counts from the day after receipt in every non-working-time case), else the next working
 * day; with neither, the same day. A filing on a non-working day is registered on the next working day.
 */
export function registrationOf(receivedAt: Date, opts: RegistrationOptions): { readonly date: IsoDate; readonly rule: RegistrationRule } {
  const { date, minutes } = localTime(receivedAt, opts.timeZone);
  const { calendar, workingHours, electronicCutoff } = opts;
  const next = () => calendar.nextWorkingDay(date, false);
  if (!calendar.isWorkingDay(date)) return { date: next(), rule: 'nonWorkingDay' };
  if (electronicCutoff) return minutes < toMinutes(electronicCutoff.time) ? { date, rule: 'beforeCutoff' } : { date: next(), rule: 'afterCutoff' };
  if (!workingHours) return { date, rule: 'workingDay' };
  const inHours = periodsFor(workingHours, weekdayOf(toDayNumber(date))).some((p) => minutes >= toMinutes(p.from) && minutes < toMinutes(p.to));
  return inHours ? { date, rule: 'withinHours' } : { date: next(), rule: 'outsideHours' };
}

/** The registration day alone (see registrationOf). */
export function registrationDate(receivedAt: Date, opts: RegistrationOptions): IsoDate {
  return registrationOf(receivedAt, opts).date;
}

/** The registration options region.yaml gives (timezone, office hours, cut-off) on `calendar`. */
export function registrationOptionsOf(region: RegionFile, calendar: WorkingCalendar): RegistrationOptions {
  return { timeZone: region.timezone, workingHours: region.workingHours, electronicCutoff: region.electronicCutoff, calendar };
}
