import { termOf, termText } from '../../../config/dates/deadlineTerm.ts';
import type { RegionConfig } from '../../../config/types/RegionConfig.ts';
import { cite, compareRecords, type DiffEntry } from './DiffEntry.ts';

/** Time limits: working or calendar days, the counting rule, and what they count from. */
export function diffDeadlines(a: RegionConfig, b: RegionConfig, out: DiffEntry[]): void {
  compareRecords(out, 'deadlines', a.deadlines, b.deadlines, {
    whole: (d) => {
      const rule = termOf(d).unit === 'calendar' ? ` (${termOf(d).rule}, ${d.counting?.clause ?? ''})` : '';
      return `${termText(d)}${rule} from ${d.from}${d.sameDay ? ', same day' : ''}${cite(d.clause)}`;
    },
  });
}
