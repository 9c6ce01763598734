import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Actor, ApplicationRecord, ApplicationView, IsoDate } from '../api.ts';
import { actingRoles } from '../access/actingRoles.ts';
import { forApplicant } from '../access/forApplicant.ts';
import { seesAsStaff } from '../access/maySee.ts';
import { acceptedEvents } from '../workflow/acceptedEvents.ts';

/**
 * The application as `actor` sees it on `today`: the record, the current step (overdue once the day
 * after its due date has begun) and the events the actor may send now. Guards are not evaluated: an
 * event is offered when the step accepts it and one of the actor's roles may send it. An actor who sees
 * the application only as its applicant gets it without the authority's internal data (forApplicant).
 *
 * @param region the config version the application runs on
 */
export function applicationView(region: RegionConfig, app: ApplicationRecord, actor: Actor, today: IsoDate): ApplicationView {
  const procedure = region.procedures[region.services[app.service]!.procedure]!;
  const state = procedure.states[app.state];
  const allowedEvents = acceptedEvents(procedure, app.state).flatMap((event) => {
    const definition = procedure.events[event];
    if (!definition || actingRoles(region, app, actor, definition.roles).length === 0) return [];
    return [{ event, title: definition.title, payloadForm: definition.payload ?? null }];
  });
  return {
    application: seesAsStaff(region, app, actor) ? app : forApplicant(region, app),
    step: {
      id: app.state,
      title: state?.title ?? app.state,
      role: state?.role ?? null,
      overdue: app.stepDue !== null && today > app.stepDue.date,
    },
    allowedEvents,
  };
}
