/**
 * bin/reglament.mjs runs the CLI from a bundle built once into node_modules/.cache/reglament: the bundled CLI does
 * what the sources do (paths relative to a module, such as the schemas, still resolve), a second run
 * reuses the bundle, and with the cache off the sources run through tsx and nothing is written.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../bin/cliBundle.mjs';
import { REPO } from '../server/harness.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const run = (cacheDir: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(REPO, 'bin/reglament.mjs'), ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, REGLAMENT_CACHE_DIR: cacheDir } });

const BUNDLES = path.join(REPO, 'node_modules/.cache/reglament');

describe('the bundled CLI', () => {
  it('builds once, then reuses the bundle, and validates as the sources do', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'reglament-bundle-'));
    dirs.push(cache);
    const first = run(cache, 'validate', 'test/fixtures/sample');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    // Earlier sources may have left their own bundles (up to three are kept); the sources as they are now have this one.
    const bundles = (await readdir(BUNDLES)).filter((n) => n.startsWith('cli-')).sort();
    const current = { n: `cli-${fingerprint()}`, at: 0 };
    expect(bundles).toContain(current.n);
    current.at = (await stat(path.join(BUNDLES, current.n, 'main.js'))).mtimeMs;

    const again = run(cache, 'validate', 'test/fixtures/broken/bad-type');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/deadlines\.yaml:5:18 deadlines\[0\]\.workingDays must be/);
    expect((await readdir(BUNDLES)).filter((n) => n.startsWith('cli-')).sort()).toEqual(bundles);
    expect((await stat(path.join(BUNDLES, current.n, 'main.js'))).mtimeMs).toBe(current.at);
  });

  it('runs the sources through tsx with REGLAMENT_CACHE_DIR=off', () => {
    const r = run('off', 'validate', 'test/fixtures/sample');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ok /);
  });
});
