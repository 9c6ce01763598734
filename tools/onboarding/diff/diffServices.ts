import type { ServiceFile } from '../../../config/types/generated.ts';
import type { RegionConfig } from '../../../config/types/RegionConfig.ts';
import { compareRecords, list, type DiffEntry } from './DiffEntry.ts';

/** Services offered, and for each its form, procedure, deadline and fee choices, exemptions, roles. */
export function diffServices(a: RegionConfig, b: RegionConfig, out: DiffEntry[]): void {
  compareRecords(out, 'services', a.services, b.services, {
    whole: (s) => s.title,
    parts: (s) => [
      ['title', s.title],
      ['form', s.form],
      ['procedure', s.procedure],
      ['deadline', choices(s.deadline)],
      ['fee', choices(s.fee) ?? 'free'],
      ['exemptions', list(s.exemptions)],
      ['refusal grounds', list(s.refusalGrounds)],
      ['applicant roles', list(s.applicantRoles)],
    ],
  });
}

/** "permitSite if needsSite; permit" */
function choices(list: ServiceFile['deadline'] | undefined): string | undefined {
  return list?.map((c) => (c.when ? `${c.use} if ${c.when}` : c.use)).join('; ');
}
