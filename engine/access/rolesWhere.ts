import type { Role, RegionConfig } from '../../config/types/RegionConfig.ts';

/** Ids of the region's roles (roles.yaml) that satisfy `test`, e.g. every applicant or inbox role. */
export function rolesWhere(region: RegionConfig, test: (role: Role) => boolean): Set<string> {
  return new Set(Object.values(region.roles).filter(test).map((role) => role.id));
}
