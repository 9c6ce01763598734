/**
 * Loaded regions kept in the cache folder: the same files load from the cache as the loader would
 * build them; a changed file, a load with errors or a damaged entry go through the loader.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedRegion } from '../../config/loader/cachedRegion.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { VOLOGDA } from '../server/harness.ts';

let dir: string;
const saved = process.env.REGLAMENT_CACHE_DIR;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'reglament-region-cache-'));
  process.env.REGLAMENT_CACHE_DIR = dir;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterAll(() => {
  if (saved === undefined) delete process.env.REGLAMENT_CACHE_DIR;
  else process.env.REGLAMENT_CACHE_DIR = saved;
});

const config = (version: string) => ({ id: 'x', dir: '/r/x', version, files: { 'region.yaml': version } }) as unknown as RegionConfig;

describe('cachedRegion', () => {
  it('loads the same files from the cache the second time, frozen and equal', () => {
    let loads = 0;
    const load = () => ({ ok: true as const, config: config(`v${++loads}`) });
    const first = cachedRegion('/r/x', { 'region.yaml': 'a' }, load);
    const second = cachedRegion('/r/x', { 'region.yaml': 'a' }, load);
    expect(loads).toBe(1);
    expect(second).toEqual(first);
    expect(Object.isFrozen((second as { config: RegionConfig }).config.files)).toBe(true);
  });

  it('loads changed files in full and keeps only the newest entry of a folder', async () => {
    let loads = 0;
    const load = () => ({ ok: true as const, config: config(`v${++loads}`) });
    cachedRegion('/r/x', { 'region.yaml': 'a' }, load);
    const changed = cachedRegion('/r/x', { 'region.yaml': 'b' }, load);
    expect(loads).toBe(2);
    expect((changed as { config: RegionConfig }).config.version).toBe('v2');
    cachedRegion('/r/other', { 'region.yaml': 'a' }, load);
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('never keeps a load with errors, and loads in full past a damaged entry', async () => {
    let loads = 0;
    const failing = () => (loads++, { ok: false as const, errors: [] });
    cachedRegion('/r/x', { 'region.yaml': 'bad' }, failing);
    cachedRegion('/r/x', { 'region.yaml': 'bad' }, failing);
    expect(loads).toBe(2);
    expect(await readdir(dir)).toHaveLength(0);
    const ok = () => (loads++, { ok: true as const, config: config('v') });
    cachedRegion('/r/x', { 'region.yaml': 'a' }, ok);
    const [file] = await readdir(dir);
    await writeFile(path.join(dir, file), '{"id": ');
    expect(cachedRegion('/r/x', { 'region.yaml': 'a' }, ok)).toMatchObject({ ok: true });
    expect(loads).toBe(4);
  });

  it('gives back the Vologda region exactly as the loader builds it', async () => {
    const fresh = await loadRegion(VOLOGDA);
    const cached = await loadRegion(VOLOGDA);
    expect((await readdir(dir)).filter((f) => f.startsWith('region-'))).toHaveLength(1);
    process.env.REGLAMENT_CACHE_DIR = 'off';
    const uncached = await loadRegion(VOLOGDA);
    expect(cached).toEqual(uncached);
    expect(fresh).toEqual(uncached);
  });
});
