/**
 * Loads every region folder the server is to run, collecting every loader error of every folder, so
 * one start shows all that is wrong. Two folders with the same region id are an error too.
 */
import { loadRegion } from '../config/loader/loadRegion.ts';
import type { LoadError } from '../config/loader/LoadError.ts';
import type { RegionConfig } from '../engine/api.ts';

export type RegionsResult = { ok: true; regions: RegionConfig[] } | { ok: false; errors: LoadError[] };

export async function loadRegions(dirs: readonly string[]): Promise<RegionsResult> {
  const results = await Promise.all(dirs.map((dir) => loadRegion(dir)));
  const errors: LoadError[] = [];
  const regions: RegionConfig[] = [];
  const seen = new Map<string, string>();
  for (const result of results) {
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const { config } = result;
    const other = seen.get(config.id);
    if (other) errors.push({ file: config.dir, line: 0, column: 0, path: '', message: `region id "${config.id}" is also used by ${other}` });
    seen.set(config.id, config.dir);
    regions.push(config);
  }
  if (dirs.length === 0) errors.push({ file: 'regions', line: 0, column: 0, path: '', message: 'no region folders to serve (name them, or add one under regions/)' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, regions };
}
