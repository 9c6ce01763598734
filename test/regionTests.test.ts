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

  it('vologda: every service total of 2.4.1 is pinned by a case', async () => {
    const config = await load('regions/vologda');
    for (const id of ['grantTotal', 'terminateTotal', 'infoTotal']) {
      const d = config.deadlines[id];
      const changed = { ...config, deadlines: { ...config.deadlines, [id]: { ...d, workingDays: d.workingDays! + 1 } } };
      const result = await runRegionTests('regions/vologda', changed);
      expect(result.failures.length, id).toBeGreaterThan(0);
      expect(result.failures[0]).toMatch(/^regions\/vologda\/tests\/totals\.yaml:\d+: .* serviceDue expected/);
    }
    const fromRegistration = { ...config, deadlines: { ...config.deadlines, infoTotal: { ...config.deadlines.infoTotal, from: 'registration' } } };
    expect((await runRegionTests('regions/vologda', fromRegistration)).failures.join('\n')).toContain('on a holiday counts from receipt');
  });

  it('`reglament test` exits 0 on vologda', () => {
    const r = spawnSync(process.execPath, ['bin/reglament.mjs', 'test', 'regions/vologda'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/regions\/vologda: \d+ cases, 0 failures/);
    expect(r.status).toBe(0);
  });
});
