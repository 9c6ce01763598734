import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Actor, ApplicationRecord, ApplicationView, IsoDate, PhaseView, SuspendedView } from '../api.ts';
import { forApplicant } from '../access/forApplicant.ts';
import { seesAsStaff } from '../access/maySee.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';
import { standing } from '../timeline/clockChanges.ts';
import { eventOffers } from './eventOffers.ts';

/**
 * The application as `actor` sees it on `today`: the record, the current step (overdue once the day
 * after its due date has begun), the open phases with their due dates, the clocks that stand now
 * («срок приостановлен с …»; a step or phase whose clock stands is not overdue) and the events the
 * actor may send now, their guards judged at `moment.now` (eventOffers), with those refused for a reason
 * the user should read.
 * An actor who sees the application only as its applicant gets it without the authority's internal data
 * (forApplicant).
 *
 * @param region the config version the application runs on
 * @param moment `today` is `now`'s day in the region's timezone
 */
export function applicationView(
  region: RegionConfig,
  app: ApplicationRecord,
  actor: Actor,
  moment: { readonly today: IsoDate; readonly now: Date; readonly calendar: WorkingCalendar },
): ApplicationView {
  const today = moment.today;
  const procedure = region.procedures[region.services[app.service]!.procedure]!;
  const state = procedure.states[app.state];
  const offers = eventOffers(region, app, actor, moment);
  const stands = standing(app.suspensions, today);
  const stoppedSince = (deadline: string | undefined): IsoDate | null => {
    if (deadline === undefined) return null;
    const s = stands.find((x) => x.deadlines.includes(deadline));
    return s ? s.since : null;
  };
  const phases: PhaseView[] = [];
  for (const spec of procedure.phases ?? []) {
    const p = app.phases?.[spec.id];
    if (!p || p.closedOn !== null) continue;
    const suspendedSince = stoppedSince(spec.deadline);
    phases.push({ id: spec.id, title: spec.title, clause: spec.clause, startedOn: p.startedOn, due: p.due, overdue: suspendedSince === null && p.due !== null && today > p.due.date, suspendedSince });
  }
  return {
    application: seesAsStaff(region, app, actor) ? app : forApplicant(region, app),
    step: {
      id: app.state,
      title: state?.title ?? app.state,
      role: state?.role ?? null,
      overdue: app.stepDue !== null && today > app.stepDue.date && stoppedSince(state?.deadline) === null,
    },
    phases,
    suspended: suspendedView(region, stands),
    allowedEvents: offers.allowed,
    unavailableEvents: offers.unavailable,
  };
}

/** The clocks that stand, merged into one notice: the earliest day they stopped, the latest day they may stand until. */
function suspendedView(region: RegionConfig, stands: ReturnType<typeof standing>): SuspendedView | null {
  if (stands.length === 0) return null;
  const ids = [...new Set(stands.flatMap((s) => s.deadlines))];
  const untils = stands.map((s) => s.until);
  return {
    since: stands.map((s) => s.since).sort()[0]!,
    until: untils.includes(null) ? null : (untils as string[]).sort().at(-1)!,
    deadlines: ids.map((id) => ({ id, title: region.deadlines[id]?.title ?? id })),
    clause: [...new Set(stands.map((s) => s.clause))].join('; '),
  };
}
