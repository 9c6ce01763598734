import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ApplicationRecord, IsoDate } from '../api.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';
import { localDate } from '../calendar/localDate.ts';
import { CALENDAR } from '../rules/timeOperators.ts';
import { serviceTotal } from '../application/serviceTotal.ts';
import { anchorsOf } from './timelineDues.ts';
import { deadlineDue } from './deadlineDue.ts';

/** The time part of a guard's rule data (see timeFacts). */
export interface TimeFacts {
  readonly time: { readonly today: IsoDate; readonly now: string };
  readonly application: Readonly<Record<string, unknown>>;
  readonly [CALENDAR]: WorkingCalendar;
}

/**
 * What a guard reads about time, besides the forms: the moment of the event from the engine's clock and
 * the application's dates, every value a date "YYYY-MM-DD" in the region's timezone.
 *
 *   time.today, time.now                       the event's day, and its instant (ISO 8601)
 *   application.receivedOn, .registeredOn      receipt and registration days
 *   application.milestones.<name>              the day a milestone was reached (absent before)
 *   application.due.total, .step               the service total's and the current step's due dates
 *                                              (the total absent while its anchor is not known)
 *   application.due.phases.<phase>             an open phase's due date
 *   application.due.deadlines.<deadline>       any deadline of deadlines.yaml counted from its anchor
 *                                              (absent while the anchor is not known), computed when read
 *
 * Due dates are those on the event's day, moved by every suspension so far.
 */
export function timeFacts(region: RegionConfig, app: ApplicationRecord, calendar: WorkingCalendar, now: Date): TimeFacts {
  const tz = region.region.timezone;
  const today = localDate(now, tz);
  const t = {
    receivedOn: localDate(new Date(app.receivedAt), tz),
    registeredOn: app.registeredOn,
    stepStartedOn: app.stepStartedOn,
    milestones: app.milestones,
    submission: app.submission,
    data: app.data,
  };
  const anchors = anchorsOf(t);
  const suspensions = app.suspensions ?? [];
  const phases: Record<string, IsoDate> = {};
  for (const [id, p] of Object.entries(app.phases ?? {})) if (p.closedOn === null && p.due) phases[id] = p.due.date;
  // Counted only when a guard reads them (own getters, each worked out once): most guards read none,
  // and every application view asks its guards (engine/application/eventOffers.ts).
  let deadlines: Record<string, IsoDate | undefined> | undefined;
  let total: { readonly date: IsoDate | undefined } | undefined;
  const due: Record<string, unknown> = {
    phases,
    get deadlines() {
      if (deadlines === undefined) {
        deadlines = {};
        for (const id of Object.keys(region.deadlines)) lazy(deadlines, id, () => deadlineDue(region.deadlines[id]!, anchors, calendar, suspensions, today)?.date);
      }
      return deadlines;
    },
    get total() {
      if (total === undefined) {
        const deadline = app.serviceDeadline !== undefined ? (app.serviceDeadline === null ? null : region.deadlines[app.serviceDeadline] ?? null) : serviceTotal(region, app.service, app.submission);
        total = { date: deadline ? deadlineDue(deadline, anchors, calendar, suspensions, today)?.date : undefined };
      }
      return total.date;
    },
  };
  if (app.stepDue) due.step = app.stepDue.date;
  return {
    time: { today, now: now.toISOString() },
    application: { data: app.data, receivedOn: t.receivedOn, registeredOn: app.registeredOn, milestones: app.milestones, due },
    [CALENDAR]: calendar,
  };
}

/**
 * An own, enumerable property whose value is worked out when first read, then kept. A rule reads only
 * own properties (engine/rules/jsonLogic.ts); an undefined value reads as absent.
 */
function lazy(target: Record<string, unknown>, key: string, compute: () => unknown): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true });
      return value;
    },
  });
}
