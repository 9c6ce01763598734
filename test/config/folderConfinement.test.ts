/**
 * Folders confined: `shared:`, `regulation.text` and every file of a region folder (symbolic links
 * followed) stay inside the regions root, the folder that holds the region; anything else is refused
 * with the file and line that named it. `shared: /etc` used to load 335 host files into the config.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatLoadError, type LoadError } from '../../config/loader/LoadError.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import { REPO, SAMPLE } from '../server/harness.ts';

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

/** A regions root holding a copy of the sample region (as "sample") and of the federal folder (as "_shared"). */
async function regionsRoot(): Promise<{ root: string; region: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'reglament-root-'));
  temps.push(root);
  await cp(SAMPLE, path.join(root, 'sample'), { recursive: true });
  await cp(path.join(REPO, 'regions/_shared'), path.join(root, '_shared'), { recursive: true });
  await setShared(path.join(root, 'sample'), '../_shared');
  return { root, region: path.join(root, 'sample') };
}

async function setShared(region: string, value: string): Promise<void> {
  const file = path.join(region, 'region.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^shared:.*$/m, `shared: ${value}`));
}

/** The loader's errors, with the temporary root shown as <root>. */
async function errorsOf(region: string, root: string): Promise<string[]> {
  const loaded = await loadRegion(region);
  const errors: LoadError[] = loaded.ok ? [] : loaded.errors;
  return errors.map((e) => formatLoadError(e).replaceAll(path.relative(process.cwd(), root), '<root>').replaceAll(root, '<root>'));
}

describe('folders confined to the regions root', () => {
  it('loads a region whose shared folder is beside it, and a link that stays inside the root', async () => {
    const { root, region } = await regionsRoot();
    await rm(path.join(region, 'templates/extract.hbs'));
    await symlink(path.join(root, 'sample-extract.hbs'), path.join(region, 'templates/extract.hbs'));
    await cp(path.join(SAMPLE, 'templates/extract.hbs'), path.join(root, 'sample-extract.hbs'));
    expect(await errorsOf(region, root)).toEqual([]);
  });

  it('refuses an absolute shared: path (the reported shared: /etc) with its line', async () => {
    const { root, region } = await regionsRoot();
    await setShared(region, '/etc');
    expect(await errorsOf(region, root)).toEqual(['<root>/sample/region.yaml:16:9 shared must be a folder relative to the region folder, not an absolute path (got "/etc")']);
  });

  it('refuses a shared: path that climbs out of the root', async () => {
    const { root, region } = await regionsRoot();
    const climb = `${'../'.repeat(root.split('/').length + 2)}etc`;
    await setShared(region, climb);
    const [error, ...rest] = await errorsOf(region, root);
    expect(rest).toEqual([]);
    expect(error).toBe(`<root>/sample/region.yaml:16:9 shared shared folder "${climb}" is /etc, outside the regions root <root>: a region may name only a folder inside it, or the federal folder that comes with reglament (regions/_shared)`);
  });

  it('refuses a shared folder inside the root that is a link to one outside it', async () => {
    const { root, region } = await regionsRoot();
    await symlink('/etc', path.join(root, '_host'));
    await setShared(region, '../_host');
    expect(await errorsOf(region, root)).toEqual([
      '<root>/sample/region.yaml:16:9 shared shared folder "../_host" is /etc, outside the regions root <root>: a region may name only a folder inside it, or the federal folder that comes with reglament (regions/_shared)',
    ]);
  });

  it('refuses a file or folder in the region, or in its shared folder, that links outside the root', async () => {
    const { root, region } = await regionsRoot();
    const outside = await mkdtemp(path.join(tmpdir(), 'reglament-outside-'));
    temps.push(outside);
    await writeFile(path.join(outside, 'secret.hbs'), 'host data');
    await mkdir(path.join(outside, 'calendar'));
    await symlink(path.join(outside, 'secret.hbs'), path.join(region, 'templates/secret.hbs'));
    await symlink(path.join(outside, 'calendar'), path.join(root, '_shared/more'));
    expect(await errorsOf(region, root)).toEqual([
      `<root>/_shared/more is a symbolic link to ${outside}/calendar, outside the regions root <root>: a region may only use files inside it`,
      `<root>/sample/templates/secret.hbs is a symbolic link to ${outside}/secret.hbs, outside the regions root <root>: a region may only use files inside it`,
    ]);
  });

  it('refuses a region folder that is itself a link to a folder elsewhere', async () => {
    const { root } = await regionsRoot();
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'reglament-elsewhere-'));
    temps.push(elsewhere);
    await cp(SAMPLE, path.join(elsewhere, 'sample'), { recursive: true });
    await symlink(path.join(elsewhere, 'sample'), path.join(root, 'linked'));
    expect(await errorsOf(path.join(root, 'linked'), root)).toEqual([
      `<root>/linked is a symbolic link to ${elsewhere}/sample, outside the folder that holds it: a region folder is read where it is listed`,
    ]);
  });

  it('refuses a regulation text outside the root, absolute or by ..', async () => {
    const { root, region } = await regionsRoot();
    const file = path.join(region, 'region.yaml');
    const original = await readFile(file, 'utf8');
    for (const text of ['/etc/passwd', '../../../etc/passwd']) {
      await writeFile(file, original.replace(/^regulation:\n/m, `regulation:\n  text: ${text}\n`));
      const errors = await errorsOf(region, root);
      expect(errors).toEqual([expect.stringMatching(new RegExp(`^<root>/sample/region.yaml:\\d+:\\d+ regulation.text must be a file inside the regions root .*got "${text.replaceAll('.', '\\.')}"$`))]);
    }
  });

  it('the server does not start on shared: /etc, and copies nothing of it into the store', async () => {
    const { root, region } = await regionsRoot();
    await setShared(region, '/etc');
    const data = await mkdtemp(path.join(tmpdir(), 'reglament-data-'));
    temps.push(data);
    const run = spawnSync(process.execPath, [path.join(REPO, 'bin/reglament.mjs'), 'serve', region, '--port', '0', '--data', data], { encoding: 'utf8', env: { ...process.env, REGLAMENT_SECRET: 'c'.repeat(40) } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('shared must be a folder relative to the region folder, not an absolute path (got "/etc")');
    expect(await readdir(data)).toEqual([]);
  });
});
