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
  const deadlines: Record<string, IsoDate> = {};
  for (const id of Object.keys(region.deadlines)) {
    Object.defineProperty(deadlines, id, {
      enumerable: true,
      get: () => deadlineDue(region.deadlines[id]!, anchors, calendar, suspensions, today)?.date,
    });
  }
  const phases: Record<string, IsoDate> = {};
  for (const [id, p] of Object.entries(app.phases ?? {})) if (p.closedOn === null && p.due) phases[id] = p.due.date;
  const total = app.serviceDeadline !== undefined ? (app.serviceDeadline === null ? null : region.deadlines[app.serviceDeadline] ?? null) : serviceTotal(region, app.service, app.submission);
  const due: Record<string, unknown> = { phases, deadlines };
  const totalDue = total ? deadlineDue(total, anchors, calendar, suspensions, today)?.date : undefined;
  if (totalDue !== undefined) due.total = totalDue;
  if (app.stepDue) due.step = app.stepDue.date;
  return {
    time: { today, now: now.toISOString() },
    application: { data: app.data, receivedOn: t.receivedOn, registeredOn: app.registeredOn, milestones: app.milestones, due },
    [CALENDAR]: calendar,
  };
}
