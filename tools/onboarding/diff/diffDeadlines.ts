import type { RegionConfig } from '../../../config/types/RegionConfig.ts';
import { cite, compareRecords, type DiffEntry } from './DiffEntry.ts';

/** Time limits: working days and what they count from. */
export function diffDeadlines(a: RegionConfig, b: RegionConfig, out: DiffEntry[]): void {
  compareRecords(out, 'deadlines', a.deadlines, b.deadlines, {
    whole: (d) => `${d.workingDays} working day${d.workingDays === 1 ? '' : 's'} from ${d.from}${d.sameDay ? ', same day' : ''}${cite(d.clause)}`,
  });
}
