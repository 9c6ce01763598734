import type { DueDate, IsoDate } from '../api.ts';

/**
 * Working days of one region: the federal production calendar plus the region's own non-working days.
 * Built by createWorkingCalendar; every method is pure and independent of the server's timezone.
 */
export interface WorkingCalendar {
  /** True if `date` is a working day (five-day week). */
  isWorkingDay(date: IsoDate): boolean;
  /** True if `date`'s year has no federal calendar file, so it is judged by the base rule of art. 112 alone. */
  isProvisional(date: IsoDate): boolean;
  /**
   * The n-th working day strictly after `from`. With n = 0: `from` itself if it is a working day, else the
   * next working day. `provisional` is true if any day looked at lies in a year without a federal file.
   */
  addWorkingDays(from: IsoDate, n: number): DueDate;
  /**
   * Working days d with fromExclusive < d <= toInclusive. Negative when `toInclusive` is before
   * `fromExclusive` (count(a, b) = -count(b, a)), so an overdue step shows how many days it is late.
   */
  countWorkingDays(fromExclusive: IsoDate, toInclusive: IsoDate): number;
  /** The first working day after `date`, or `date` itself when `inclusive` and it is a working day. */
  nextWorkingDay(date: IsoDate, inclusive: boolean): IsoDate;
}
