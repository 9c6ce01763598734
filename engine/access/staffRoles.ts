import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ApplicationRecord } from '../api.ts';

/**
 * The roles that see an application as the authority's staff: every role that sees the inbox
 * (`inbox: true`) and every role the application's procedure gives a part in it (an event's role or a
 * step's responsible role), except applicant roles, which see only what they filed.
 */
export function staffRoles(region: RegionConfig, app: ApplicationRecord): Set<string> {
  const procedure = region.procedures[region.services[app.service]?.procedure ?? ''];
  const staff = new Set<string>();
  for (const role of Object.values(region.roles)) if (role.inbox === true) staff.add(role.id);
  for (const event of Object.values(procedure?.events ?? {})) for (const role of event?.roles ?? []) staff.add(role);
  for (const state of Object.values(procedure?.states ?? {})) if (state?.role) staff.add(state.role);
  for (const role of Object.values(region.roles)) if (role.applicant === true) staff.delete(role.id);
  return staff;
}
