import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Actor, ApplicationRecord } from '../api.ts';
import { rolesWhere } from './rolesWhere.ts';

/**
 * The actor's roles among `allowed` that it may use on this application: an applicant role counts
 * only on the actor's own application, so one applicant can never act on another's.
 */
export function actingRoles(region: RegionConfig, app: ApplicationRecord, actor: Actor, allowed: readonly string[]): string[] {
  const applicantRoles = rolesWhere(region, (r) => r.applicant === true);
  const own = app.applicantId === actor.userId;
  return actor.roles.filter((role) => allowed.includes(role) && (own || !applicantRoles.has(role)));
}
