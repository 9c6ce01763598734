/**
 * `reglament new-region`: a copy of a region folder with a new identity, paths that still resolve from
 * the new location, comments kept, the source's own holidays and address dropped, and a loader check.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import { PLATFORM, REPO, reglament, reglamentBinary, SAMPLE, SHARED } from './cli.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'reglament-new-region-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Every file under `dir`, relative. */
async function files(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await files(dir, child)));
    else out.push(child);
  }
  return out.sort();
}

describe('reglament new-region', () => {
  it('copies the sample at another depth with a new identity, and the copy validates', async () => {
    // Two levels deeper than the sample sits in the repository, so every relative path must be recomputed.
    const dir = path.join(root, 'a', 'b', 'primorye');
    const r = reglamentBinary('new-region', dir, '--from', 'test/fixtures/sample', '--name', 'Приморский край', '--authority', 'Министерство лицензирования Приморского края', '--timezone', 'Asia/Vladivostok');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('valid');
    expect(r.stdout).toContain('Not copied (belonged to test/fixtures/sample): calendar/2025.yaml, authority.address');

    const regionText = await readFile(path.join(dir, 'region.yaml'), 'utf8');
    const region = parse(regionText);
    expect(region).toMatchObject({ id: 'primorye', title: 'Приморский край', timezone: 'Asia/Vladivostok' });
    expect(region.authority).toEqual({ title: 'Министерство лицензирования Приморского края', shortTitle: 'Комитет', headTitle: 'Председатель Комитета' });
    // The shared folder is the same folder, reached from the new place.
    expect(path.resolve(dir, region.shared)).toBe(SHARED);
    expect(region.shared).not.toBe(parse(await readFile(path.join(SAMPLE, 'region.yaml'), 'utf8')).shared);
    // Comments survive the edit.
    expect(regionText).toContain('# A small region that uses every feature of the config language');

    // Every schema line points at the real schema file from its own location.
    const yamlFiles = (await files(dir)).filter((f) => f.endsWith('.yaml'));
    expect(yamlFiles.length).toBeGreaterThan(10);
    for (const rel of yamlFiles) {
      const m = /^# yaml-language-server: \$schema=(\S+)$/m.exec(await readFile(path.join(dir, rel), 'utf8'));
      expect(m, rel).not.toBeNull();
      expect(path.resolve(path.dirname(path.join(dir, rel)), m![1]!), rel).toBe(path.join(REPO, 'config/schemas', path.basename(m![1]!)));
    }
    // Everything but the identity, the source's regional holidays and its address is copied as it was.
    expect(await files(dir)).toEqual((await files(SAMPLE)).filter((f) => !f.startsWith('calendar/')));
    const sampleForm = await readFile(path.join(SAMPLE, 'forms/permit-application.yaml'), 'utf8');
    const copiedForm = await readFile(path.join(dir, 'forms/permit-application.yaml'), 'utf8');
    expect(copiedForm.split('\n').slice(1)).toEqual(sampleForm.split('\n').slice(1));

    const loaded = await loadRegion(dir);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(loaded.config.id).toBe('primorye');
      expect(loaded.config.calendar.overlay).toEqual({});
      expect(Object.keys(loaded.config.calendar.federal).length).toBeGreaterThan(0);
    }
  });

  it('points out the copied notes about the source region', async () => {
    const r = await reglament('new-region', path.join(root, 'from-vologda'), '--from', path.join(REPO, 'regions/vologda'), '--name', 'X', '--authority', 'Y');
    // The notes and the test cases (their dates belong to the source region's regulation) are to be re-checked.
    const notes = [
      ...(await readdir(path.join(REPO, 'regions/vologda'))).filter((f) => f.endsWith('.md')),
      ...(await readdir(path.join(REPO, 'regions/vologda/tests'))).map((f) => `tests/${f}`),
    ];
    expect(notes.length).toBeGreaterThan(1);
    expect(r.stdout).toContain(`  ${notes.sort().join(', ')}: written about`);
    // Each copied file of cases is marked, and `reglament test` says so until someone re-checks it.
    const copied = await readFile(path.join(root, 'from-vologda', 'tests/grant.yaml'), 'utf8');
    expect(copied).toMatch(/^copiedFrom: \{ region: vologda, note: "Случаи взяты из регламента региона vologda: .*" \}\ncases:$/m);
    // Otherwise the file is as it was, its comments with the hand-worked dates included (the schema line
    // below the first is rewritten for the new place only).
    const source = await readFile(path.join(REPO, 'regions/vologda/tests/grant.yaml'), 'utf8');
    expect(copied.split('\n').filter((l) => !l.startsWith('copiedFrom:')).slice(1)).toEqual(source.split('\n').slice(1));
    const t = await reglament('test', path.join(root, 'from-vologda'));
    expect(t.stderr).toMatch(/warning: .*from-vologda\/tests\/grant\.yaml: copied from vologda, not yet re-checked against this region's regulation/);
  });

  it('changes only the identity lines of region.yaml and keeps the source timezone when none is given', async () => {
    const dir = path.join(root, 'kept-tz');
    const r = await reglament('new-region', dir, '--from', PLATFORM, '--name', 'Подключение (копия)', '--authority', 'СТП (копия)');
    expect(r.status).toBe(0);
    const before = (await readFile(path.join(PLATFORM, 'region.yaml'), 'utf8')).split('\n');
    const after = (await readFile(path.join(dir, 'region.yaml'), 'utf8')).split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.map((line, i) => [before[i], line]).filter(([b, a]) => a !== b);
    expect(changed.map(([, a]) => a!.replace(/=.*$|:.*$/, ''))).toEqual(['# yaml-language-server', 'id', 'title', '  title', 'shared']);
    expect(parse(after.join('\n')).timezone).toBe('Europe/Moscow');
  });

  it('keeps the shared line of a sibling region as written, and leaves a default one implicit', async () => {
    // A regions/ tree of its own: _shared beside two source regions, one naming it and one relying on the default.
    const regions = path.join(root, 'tree', 'regions');
    await cp(SHARED, path.join(regions, '_shared'), { recursive: true });
    await cp(PLATFORM, path.join(regions, 'explicit'), { recursive: true });
    await cp(PLATFORM, path.join(regions, 'implicit'), { recursive: true });
    const implicitFile = path.join(regions, 'implicit', 'region.yaml');
    await writeFile(implicitFile, (await readFile(implicitFile, 'utf8')).replace('shared: ../_shared\n', '').replace('id: platform', 'id: implicit'));
    const explicitFile = path.join(regions, 'explicit', 'region.yaml');
    await writeFile(explicitFile, (await readFile(explicitFile, 'utf8')).replace('id: platform', 'id: explicit'));

    for (const from of ['explicit', 'implicit']) {
      const r = await reglament('new-region', path.join(regions, `${from}-copy`), '--from', path.join(regions, from), '--name', 'X', '--authority', 'Y');
      expect(r.status, r.stderr).toBe(0);
    }
    const shared = async (id: string) => /^shared:.*$/m.exec(await readFile(path.join(regions, id, 'region.yaml'), 'utf8'))?.[0];
    expect(await shared('explicit-copy')).toBe('shared: ../_shared');
    expect(await shared('implicit-copy')).toBeUndefined();
  });

  it('refuses a folder that exists, a mismatched --id and an unknown timezone, writing nothing', async () => {
    const existing = path.join(root, 'existing');
    await mkdir(existing);
    await writeFile(path.join(existing, 'keep.txt'), 'mine');
    const r1 = await reglament('new-region', existing, '--from', SAMPLE, '--name', 'X', '--authority', 'Y');
    expect(r1.status).toBe(2);
    expect(r1.stderr).toContain('already exists');
    expect(await readdir(existing)).toEqual(['keep.txt']);

    const r2 = await reglament('new-region', path.join(root, 'zabaikalye'), '--from', SAMPLE, '--name', 'X', '--authority', 'Y', '--id', 'chita');
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('--id chita differs from the folder name "zabaikalye"');
    const r3 = await reglament('new-region', path.join(root, 'zabaikalye'), '--from', SAMPLE, '--name', 'X', '--authority', 'Y', '--timezone', 'Asia/Chita_Nowhere');
    expect(r3.status).toBe(2);
    expect(r3.stderr).toContain('not a known IANA timezone');
    expect(existsSync(path.join(root, 'zabaikalye'))).toBe(false);
    expect((await readdir(root)).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('accepts --id equal to the folder name', async () => {
    const r = await reglament('new-region', path.join(root, 'chita'), '--from', SAMPLE, '--name', 'Забайкальский край', '--authority', 'Y', '--id', 'chita');
    expect(r.status).toBe(0);
  });

  it('prints the loader errors and exits 1 when the copied folder does not validate', async () => {
    const dir = path.join(root, 'broken');
    const r = await reglament('new-region', dir, '--from', path.join(REPO, 'test/fixtures/broken/dangling-reference'), '--name', 'X', '--authority', 'Y');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/broken\/services\/permit\.yaml:\d+:\d+ .*does not exist/);
    expect(r.stderr).toContain(`but it has`);
    // The folder stays, for the errors to be fixed in it.
    expect(existsSync(path.join(dir, 'region.yaml'))).toBe(true);
  });
});
