import type { Fee, FeeValue, RegionConfig } from '../../../config/types/RegionConfig.ts';
import { cite, compareRecords, type DiffEntry } from './DiffEntry.ts';

/** Fees by dated amount (each effective date its own row), and fee exemptions. */
export function diffFees(a: RegionConfig, b: RegionConfig, out: DiffEntry[]): void {
  compareRecords(out, 'fees', a.fees, b.fees, {
    whole: (f) => `${f.title}: ${[...f.values].sort(byDate).map((v) => `${amount(v)} from ${v.from}`).join(', ')}`,
    parts: (f: Fee) => [['', f.title], ...f.values.map((v) => [`from ${v.from}`, `${amount(v)}${cite(v.clause)}`] as const)],
  });
  compareRecords(out, 'fees', a.exemptions, b.exemptions, {
    name: (id) => `exemption ${id}`,
    whole: (x) => `${x.title}: if ${x.when}${cite(x.clause)}`,
  });
}

function amount(v: FeeValue): string {
  return v.amount === null ? 'ends' : `${v.amount} ₽`;
}

function byDate(x: FeeValue, y: FeeValue): number {
  return x.from.localeCompare(y.from);
}
