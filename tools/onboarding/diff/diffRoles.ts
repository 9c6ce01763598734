import type { Role, RegionConfig } from '../../../config/types/RegionConfig.ts';
import { compareRecords, type DiffEntry } from './DiffEntry.ts';

/** Roles and what each may do (file applications, see the inbox, read the configuration, read the read audit). */
export function diffRoles(a: RegionConfig, b: RegionConfig, out: DiffEntry[]): void {
  compareRecords(out, 'roles', a.roles, b.roles, { whole: (r) => `${r.title}${flags(r)}` });
}

function flags(r: Role): string {
  const on = [r.applicant && 'applicant', r.inbox && 'inbox', r.configReader && 'config reader', r.audit && 'read audit'].filter(Boolean);
  return on.length ? ` [${on.join(', ')}]` : '';
}
