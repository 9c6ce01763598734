import type { RegionConfig } from '../../../config/types/RegionConfig.ts';
import { compare, type DiffEntry } from './DiffEntry.ts';

/** Identity of the region: id, names, authority, timezone, office hours, regulation. */
export function diffRegionFile(a: RegionConfig, b: RegionConfig, out: DiffEntry[]): void {
  const fields: [string, (c: RegionConfig) => string | undefined][] = [
    ['id', (c) => c.region.id],
    ['kind', (c) => c.region.kind ?? 'region'],
    ['title', (c) => c.region.title],
    ['authority', (c) => c.region.authority.title],
    ['authority short title', (c) => c.region.authority.shortTitle],
    ['authority head', (c) => c.region.authority.headTitle],
    ['authority address', (c) => c.region.authority.address],
    ['timezone', (c) => c.region.timezone],
    ['working hours', (c) => workingHours(c)],
    ['regulation', (c) => c.region.regulation.title],
    ['regulation act', (c) => c.region.regulation.act.act + (c.region.regulation.act.date ? `, ${c.region.regulation.act.date}` : '')],
  ];
  for (const [item, get] of fields) compare(out, 'region', item, get(a), get(b));
}

/** "Mon–Thu 09:00–18:00; Fri 09:00–16:45" style, by ISO weekday numbers. */
function workingHours(c: RegionConfig): string | undefined {
  const periods = c.region.workingHours?.periods;
  if (!periods) return undefined;
  return periods.map((p) => `days ${p.days.join(',')} ${p.from}–${p.to}`).join('; ');
}
