import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Actor, ApplicationRecord } from '../api.ts';
import { belongsTo } from './belongsTo.ts';

/**
 * Whether the actor may see an application: it must belong to the application's region, and either
 * have filed it, or hold a staff role that sees the inbox (`inbox: true`) or that the procedure gives
 * a part in it (an event's role or a step's responsible role). Everyone else gets "not found".
 */
export function maySee(region: RegionConfig, app: ApplicationRecord, actor: Actor): boolean {
  if (!belongsTo(actor, app.region)) return false;
  if (app.applicantId === actor.userId) return true;
  const procedure = region.procedures[region.services[app.service]?.procedure ?? ''];
  const staff = new Set<string>();
  for (const role of Object.values(region.roles)) if (role.inbox === true) staff.add(role.id);
  for (const event of Object.values(procedure?.events ?? {})) for (const role of event?.roles ?? []) staff.add(role);
  for (const state of Object.values(procedure?.states ?? {})) if (state?.role) staff.add(state.role);
  for (const role of Object.values(region.roles)) if (role.applicant === true) staff.delete(role.id);
  return actor.roles.some((role) => staff.has(role));
}
