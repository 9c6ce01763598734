import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Actor, ApplicationRecord } from '../api.ts';
import { belongsTo } from './belongsTo.ts';
import { staffRoles } from './staffRoles.ts';

/**
 * Whether the actor may see an application: it must belong to the application's region, and either
 * have filed it or hold one of its staff roles (staffRoles). Everyone else gets "not found".
 */
export function maySee(region: RegionConfig, app: ApplicationRecord, actor: Actor): boolean {
  if (!belongsTo(actor, app.region)) return false;
  if (app.applicantId === actor.userId) return true;
  return seesAsStaff(region, app, actor);
}

/** Whether the actor holds one of the application's staff roles (then it sees all of it, internal data included). */
export function seesAsStaff(region: RegionConfig, app: ApplicationRecord, actor: Actor): boolean {
  const staff = staffRoles(region, app);
  return actor.roles.some((role) => staff.has(role));
}
