import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Actor, ApplicationRecord } from '../api.ts';
import { rolesWhere } from '../access/rolesWhere.ts';

/**
 * Why the actor may not act on a case someone else holds, or null when the hold does not stop them.
 *
 * A case taken in work (roles.yaml `takesCases`) is the holder's: another member of a role that takes
 * cases cannot act on it through such a role until the holder hands it back or it is assigned to them.
 * A role that assigns cases (`assignsCases`, the head) still acts and reassigns; a role that takes no
 * cases (the applicant, a role that only signs) is not concerned by who holds it.
 *
 * @param roles the actor's roles the action would be taken through (actingRoles)
 */
export function holdRefusal(region: RegionConfig, app: ApplicationRecord, actor: Actor, roles: readonly string[]): string | null {
  const holder = app.assignee ?? null;
  if (holder === null || holder.userId === actor.userId) return null;
  const assigners = rolesWhere(region, (r) => r.assignsCases === true);
  if (actor.roles.some((role) => assigners.has(role))) return null;
  const takers = rolesWhere(region, (r) => r.takesCases === true);
  if (roles.some((role) => !takers.has(role))) return null;
  const titles = [...assigners].map((id) => `«${region.roles[id]!.title}»`);
  const handOver = titles.length > 0 ? `; назначить исполнителем вас может ${titles.join(' или ')}` : '';
  return `Заявление в работе у сотрудника ${holder.name}: действовать по нему может только взявший его сотрудник, пока заявление не вернут в очередь${handOver}`;
}
