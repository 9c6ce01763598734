/**
 * Every bundled region and fixture passes its own test cases (tests/*.yaml), and those cases notice a
 * changed number: the runner compares with what the regulation says, not with the engine's own output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatLoadError } from '../config/loader/LoadError.ts';
import { loadRegion } from '../config/loader/loadRegion.ts';
import type { RegionConfig } from '../config/types/RegionConfig.ts';
import { runRegionTests } from '../tools/regionTests/runRegionTests.ts';

const FOLDERS = [
  ...readdirSync('regions').filter((n) => !n.startsWith('_')).map((n) => `regions/${n}`),
  ...readdirSync('test/fixtures').filter((n) => n !== 'broken' && n !== 'check-broken').map((n) => `test/fixtures/${n}`),
].filter((d) => existsSync(`${d}/region.yaml`));

async function load(dir: string): Promise<RegionConfig> {
  const r = await loadRegion(dir);
  if (!r.ok) throw new Error(r.errors.map(formatLoadError).join('\n'));
  return r.config;
}

describe('region test cases', () => {
  for (const dir of FOLDERS) {
    it(`${dir} passes its tests/*.yaml`, async () => {
      const result = await runRegionTests(dir, await load(dir));
      expect(result.failures).toEqual([]);
    });
  }

  it('vologda: changing any number in deadlines.yaml makes at least one case fail', async () => {
    const config = await load('regions/vologda');
    // Each number one up and, when it stays a different term, one down. A same-day term of 0 or 1 day
    // ends on the anchor day either way («в день поступления»), so 0 is moved to 2 and 1 is not lowered.
    const mutations = Object.values(config.deadlines).flatMap((d) => {
      const key = d.calendarDays !== undefined ? 'calendarDays' : 'workingDays';
      const n = (d.calendarDays ?? d.workingDays)!;
      const up = d.sameDay && n === 0 ? 2 : n + 1;
      const down = n >= 1 && !(d.sameDay && n === 1) ? [n - 1] : [];
      return [up, ...down].map((m) => ({ id: d.id, key, from: n, to: m }));
    });
    expect(mutations.length).toBeGreaterThanOrEqual(Object.keys(config.deadlines).length);
    const survivors: string[] = [];
    for (const m of mutations) {
      const d = config.deadlines[m.id]!;
      const changed = { ...config, deadlines: { ...config.deadlines, [m.id]: { ...d, [m.key]: m.to } } };
      const result = await runRegionTests('regions/vologda', changed, { kinds: ['dueDate'] });
      if (result.failures.length === 0) survivors.push(`${m.id}: ${m.from} -> ${m.to}`);
    }
    expect(survivors).toEqual([]);
  });

  it('vologda: a total counted from registration instead of receipt fails the case filed on a holiday', async () => {
    const config = await load('regions/vologda');
    const fromRegistration = { ...config, deadlines: { ...config.deadlines, infoTotal: { ...config.deadlines.infoTotal!, from: 'registration' } } };
    expect((await runRegionTests('regions/vologda', fromRegistration, { kinds: ['dueDate'] })).failures.join('\n')).toContain('on a holiday counts from receipt');
  });

  it('`reglament test` exits 0 on vologda', () => {
    const r = spawnSync(process.execPath, ['bin/reglament.mjs', 'test', 'regions/vologda'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/regions\/vologda: \d+ cases, 0 failures/);
    expect(r.status).toBe(0);
    // A whole CLI run of every case (about 20 s of wall time on a busy two-core machine).
  }, 120_000);
});
