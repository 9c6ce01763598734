/**
 * Finds the event an applicant sends to withdraw an application, from the procedure itself: an event
 * of the procedure's root-level `on` (accepted in every non-final step) that one of the actor's roles
 * may send. No event name is assumed.
 */
import type { Actor, ApplicationView, RegionConfig } from '../../engine/api.ts';

/** The event name, or null when the procedure gives the actor no such event. */
export function withdrawalEvent(config: RegionConfig | undefined, view: ApplicationView, actor: Actor): string | null {
  const service = config?.services[view.application.service];
  const procedure = service ? config?.procedures[service.procedure] : undefined;
  if (!procedure) return null;
  const candidates = Object.keys(procedure.on ?? {}).filter((event) =>
    (procedure.events[event]?.roles ?? []).some((role) => actor.roles.includes(role)),
  );
  // Prefer one the engine says is allowed right now; otherwise send the first anyway so the engine
  // answers with its own reason (e.g. the application is already final).
  const allowed = new Set(view.allowedEvents.map((e) => e.event));
  return candidates.find((e) => allowed.has(e)) ?? candidates[0] ?? null;
}
