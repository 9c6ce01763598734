import type { ServiceFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Actor } from '../api.ts';
import { rolesWhere } from './rolesWhere.ts';

/** Whether the actor holds a role that may file the service: its `applicantRoles`, else every role marked `applicant`. */
export function mayFile(region: RegionConfig, service: ServiceFile, actor: Actor): boolean {
  const allowed = service.applicantRoles ? new Set(service.applicantRoles) : rolesWhere(region, (r) => r.applicant === true);
  return actor.roles.some((role) => allowed.has(role));
}
