import type { Actor } from '../api.ts';

/** Whether the actor works in (or, as applicant, acts in) the region: its own region, or "*" for platform staff. */
export function belongsTo(actor: Actor, regionId: string): boolean {
  return actor.region === regionId || actor.region === '*';
}
