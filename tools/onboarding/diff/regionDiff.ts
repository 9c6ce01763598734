/**
 * How two loaded regions differ (two regions, or two versions of one): identity, services, fees,
 * deadlines, roles, procedures, forms, calendars, rules, refusals, templates, registry.
 */
import type { RegionConfig } from '../../../config/types/RegionConfig.ts';
import { diffCalendars } from './diffCalendars.ts';
import { diffDeadlines } from './diffDeadlines.ts';
import { DIFF_AREAS, type DiffEntry } from './DiffEntry.ts';
import { diffFees } from './diffFees.ts';
import { diffForms } from './diffForms.ts';
import { diffOther } from './diffOther.ts';
import { diffProcedures } from './diffProcedures.ts';
import { diffRegionFile } from './diffRegionFile.ts';
import { diffRoles } from './diffRoles.ts';
import { diffServices } from './diffServices.ts';

export type { DiffEntry } from './DiffEntry.ts';

/** Every difference from `a` to `b`, grouped by area in DIFF_AREAS order; [] when they are the same. */
export function regionDiff(a: RegionConfig, b: RegionConfig): DiffEntry[] {
  const out: DiffEntry[] = [];
  for (const part of [diffRegionFile, diffServices, diffFees, diffDeadlines, diffRoles, diffProcedures, diffForms, diffCalendars, diffOther]) part(a, b, out);
  // Stable sort: each part's own order (file order, then new items) is kept within an area.
  return out.sort((x, y) => DIFF_AREAS.indexOf(x.area) - DIFF_AREAS.indexOf(y.area));
}
