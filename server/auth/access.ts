/**
 * How a user's roles map onto what they may do in a region. Nothing here names a role: the meaning
 * of a role comes from its flags in the region's roles.yaml (`applicant`, `inbox`) and, for events,
 * from the procedure's event list (checked by the engine).
 */
import type { Actor, RegionConfig } from '../../engine/api.ts';
import type { User } from './users.ts';

/** The region id of platform staff, who act in every region (see engine/api.ts Actor). */
export const EVERY_REGION = '*';

export const actorOf = (user: User): Actor => ({ userId: user.login, region: user.region, roles: user.roles });

/** The user belongs to the region (or to every region). */
export const worksIn = (user: User, regionId: string): boolean => user.region === regionId || user.region === EVERY_REGION;

/** Roles that may file an application for `serviceId` (its `applicantRoles`, else every `applicant: true` role). */
export function applicantRolesOf(config: RegionConfig, serviceId?: string): Set<string> {
  const listed = serviceId ? config.services[serviceId]?.applicantRoles : undefined;
  if (listed) return new Set(listed);
  return new Set(Object.values(config.roles).filter((r) => r.applicant).map((r) => r.id));
}

/** Roles of the region that see its inbox (`inbox: true`). */
export const inboxRolesOf = (config: RegionConfig): Set<string> =>
  new Set(Object.values(config.roles).filter((r) => r.inbox).map((r) => r.id));

const holdsAny = (user: User, roles: Set<string>): boolean => user.roles.some((r) => roles.has(r));

export const mayApply = (user: User, config: RegionConfig, serviceId?: string): boolean =>
  worksIn(user, config.id) && holdsAny(user, applicantRolesOf(config, serviceId));

export const mayUseInbox = (user: User, config: RegionConfig): boolean => worksIn(user, config.id) && holdsAny(user, inboxRolesOf(config));

/** Roles of the region that read its read audit (`audit: true`). */
export const auditRolesOf = (config: RegionConfig): Set<string> =>
  new Set(Object.values(config.roles).filter((r) => r.audit).map((r) => r.id));

export const mayReadAudit = (user: User, config: RegionConfig): boolean => worksIn(user, config.id) && holdsAny(user, auditRolesOf(config));
