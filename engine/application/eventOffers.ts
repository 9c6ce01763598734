import type { Transition } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Actor, AllowedEvent, ApplicationRecord, UnavailableEvent } from '../api.ts';
import { actingRoles } from '../access/actingRoles.ts';
import { holdRefusal } from '../assignment/holdRefusal.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';
import { evaluateRule } from '../rules/evaluateRule.ts';
import { readsPayload } from '../rules/readsPayload.ts';
import { timeFacts, type TimeFacts } from '../timeline/timeFacts.ts';
import { acceptedEvents } from '../workflow/acceptedEvents.ts';
import { guardData } from '../workflow/guardData.ts';
import { otherwiseReason } from '../workflow/otherwiseReason.ts';

/**
 * What the actor is offered on the application now: the events the step accepts that one of the
 * actor's roles may send and the procedure would take, and those it would refuse with a reason the
 * user should read (the regulation's `otherwise`, or another official holding the case).
 *
 * An event is taken when one of its transitions (the step's own, then the procedure-wide ones) has no
 * guard, or a guard that holds on the application as it is at `now` (the same rule data, dates and
 * due dates as when the event is sent: guardData, timeFacts). A guard that reads the event's task form
 * (`payload`) cannot be judged before the form is filled in, so its transition counts as possible and
 * the event is offered. An event none of whose transitions can be taken is not offered; when the
 * procedure gives its reason under `otherwise`, it is listed as unavailable with that reason.
 *
 * Cheap enough for every view: the time facts are worked out once, and only when a guard needs them.
 */
export function eventOffers(
  region: RegionConfig,
  app: ApplicationRecord,
  actor: Actor,
  moment: { readonly now: Date; readonly calendar: WorkingCalendar },
): { allowed: AllowedEvent[]; unavailable: UnavailableEvent[] } {
  const procedure = region.procedures[region.services[app.service]!.procedure]!;
  const allowed: AllowedEvent[] = [];
  const unavailable: UnavailableEvent[] = [];
  let facts: TimeFacts | undefined;
  const holds = (rule: string): boolean => {
    if (readsPayload(region, rule)) return true;
    facts ??= timeFacts(region, app, moment.calendar, moment.now);
    try {
      return evaluateRule(region, rule, guardData({ submission: app.submission, data: app.data, payload: undefined, facts, references: app.references }));
    } catch {
      // A guard that cannot be judged on this data is left to the step itself, which answers with its error.
      return true;
    }
  };
  const state = procedure.states[app.state];
  for (const event of acceptedEvents(procedure, app.state)) {
    const definition = procedure.events[event];
    if (!definition) continue;
    const roles = actingRoles(region, app, actor, definition.roles);
    if (roles.length === 0) continue;
    const held = holdRefusal(region, app, actor, roles);
    if (held !== null) {
      unavailable.push({ event, title: definition.title, reason: held, clause: null });
      continue;
    }
    const own = state?.on?.[event];
    const root = procedure.on?.[event];
    const transitions = [...listOf(own), ...listOf(root)];
    if (transitions.some((t) => t.guard === undefined || holds(t.guard))) {
      allowed.push({ event, title: definition.title, payloadForm: definition.payload ?? null });
      continue;
    }
    // The reason the step gives, the one the refusal carries when the event is sent anyway.
    const why = otherwiseReason(procedure, app.state, event);
    if (why) unavailable.push({ event, title: definition.title, reason: why.message, clause: why.clause ?? null });
  }
  return { allowed, unavailable };
}

function listOf(transitions: Transition | readonly Transition[] | null | undefined): readonly Transition[] {
  if (!transitions) return [];
  return Array.isArray(transitions) ? transitions : [transitions as Transition];
}
