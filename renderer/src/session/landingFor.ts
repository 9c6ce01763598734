/**
 * Where a user goes after signing in, from the flags of their roles in roles.yaml: staff to the inbox,
 * applicants to their region's services, anyone else (e.g. a coordinator) to the region's regulation.
 */
import { getRegion } from '../api/endpoints.ts';
import type { User } from '../api/types.ts';
import { paths } from '../routing/paths.ts';

export async function landingFor(user: User): Promise<string> {
  if (user.region === '*') return paths.home();
  const region = await getRegion(user.region);
  const roles = region.roles.filter((r) => user.roles.includes(r.id));
  if (roles.some((r) => r.inbox)) return paths.inbox(user.region);
  if (roles.some((r) => r.applicant)) return paths.region(user.region);
  return paths.config(user.region);
}
