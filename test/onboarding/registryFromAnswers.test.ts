/**
 * The registry attribute form (regions/platform) -> registry.yaml: the answers the platform form accepts
 * make a registry.yaml the loader accepts, with the titles, search and public flags the coordinator chose.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import { registryFromAnswers } from '../../tools/onboarding/registryFromAnswers.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { createFormValidator } from '../../engine/forms/createFormValidator.ts';
import { PLATFORM, reglament, SAMPLE } from './cli.ts';

/** What a coordinator fills in for the sample region's permit form. */
const answers = () => ({
  registry: { regionName: 'Образцовая область', title: 'Реестр разрешений Образцовой области', clause: '2.7', numberPattern: '66-{year}-{seq}', digits: 5 },
  attributes: {
    attributes: [
      { title: 'Наименование заявителя', source: 'submission.applicant.name', searchable: true },
      { title: 'ИНН', source: 'submission.applicant.inn', searchable: true, clause: '2.7' },
      { title: 'Телефон', source: 'submission.applicant.phone', hidden: true },
      { title: 'Правообладатель площадки', source: 'submission.site.owner.name' },
      { title: 'Решение специалиста', source: 'data.REVIEW.result.decision', code: 'decision', hidden: true, searchable: false },
    ],
  },
});

let platform: RegionConfig;
let root: string;
beforeAll(async () => {
  const loaded = await loadRegion(PLATFORM);
  if (!loaded.ok) throw new Error('regions/platform must load');
  platform = loaded.config;
  root = await mkdtemp(path.join(tmpdir(), 'reglament-registry-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('registryFromAnswers', () => {
  it('takes exactly the data the platform form accepts', () => {
    const validate = createFormValidator(platform, 'registry-attributes');
    expect(validate(answers())).toEqual([]);
    // The form and the generator refuse the same things: a pattern without {seq}.
    const bad = answers();
    bad.registry.numberPattern = '66-{year}';
    expect(validate(bad).map((e) => e.path)).toEqual(['registry.numberPattern']);
    const generated = registryFromAnswers(bad);
    expect(generated.ok).toBe(false);
    if (!generated.ok) expect(generated.errors.join('\n')).toMatch(/numbering\.pattern/);
  });

  it('makes a registry.yaml the loader accepts, replacing a region\'s own', async () => {
    const generated = registryFromAnswers(answers(), { schemaComment: '../../config/schemas/registry.schema.json' });
    if (!generated.ok) throw new Error(generated.errors.join('\n'));
    const dir = path.join(root, 'sample');
    await cp(SAMPLE, dir, { recursive: true });
    // The copy sits at another depth: point it at the federal folder that comes with reglament, the rest is the sample.
    const regionFile = path.join(dir, 'region.yaml');
    await writeFile(regionFile, (await readFile(regionFile, 'utf8')).replace(/^shared: .*$/m, `shared: ${path.relative(dir, path.resolve(SAMPLE, '../../../regions/_shared'))}`));
    await writeFile(path.join(dir, 'registry.yaml'), generated.yaml);

    const loaded = await loadRegion(dir);
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
    expect(loaded.config.registry).toEqual({
      title: 'Реестр разрешений Образцовой области',
      clause: '2.7',
      numbering: { pattern: '66-{year}-{seq}', digits: 5 },
      attributes: [
        { id: 'name', title: 'Наименование заявителя', from: 'submission.applicant.name', searchable: true },
        { id: 'inn', title: 'ИНН', clause: '2.7', from: 'submission.applicant.inn', searchable: true },
        { id: 'phone', title: 'Телефон', from: 'submission.applicant.phone', public: false },
        // "name" is taken: the owner's name gets the last two segments of its path.
        { id: 'ownerName', title: 'Правообладатель площадки', from: 'submission.site.owner.name' },
        { id: 'decision', title: 'Решение специалиста', from: 'data.REVIEW.result.decision', public: false },
      ],
    });
    expect(generated.yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../../config/schemas/registry.schema.json');
  });

  it('reads a stored application of the platform\'s registry service as well as bare answers', () => {
    const direct = registryFromAnswers(answers());
    const stored = registryFromAnswers({ id: 'app-1', service: 'registry', submission: answers() });
    expect(direct.ok && stored.ok).toBe(true);
    if (direct.ok && stored.ok) expect(stored.registry).toEqual(direct.registry);
  });

  it('says what is missing instead of writing a broken file', () => {
    const result = registryFromAnswers({ registry: { regionName: 'X', title: '' }, attributes: { attributes: [{ title: 'ИНН' }] } });
    expect(result).toEqual({
      ok: false,
      errors: ['registry.title must be filled in', 'registry.numberPattern must be filled in', 'attributes.attributes[0].source must be filled in'],
    });
  });
});

describe('reglament new-region --registry', () => {
  it('prints registry.yaml made from an answers file', async () => {
    const file = path.join(root, 'answers.json');
    await writeFile(file, JSON.stringify(answers()));
    const r = await reglament('new-region', '--registry', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('numbering: { pattern: "66-{year}-{seq}", digits: 5 }');
    expect(r.stdout).toContain('- { id: phone, title: Телефон, from: submission.applicant.phone, public: false }');
  });

  it('writes it into a new region, which then validates', async () => {
    const file = path.join(root, 'answers2.json');
    await writeFile(file, JSON.stringify(answers()));
    const dir = path.join(root, 'regions', 'ural');
    const r = await reglament('new-region', dir, '--from', SAMPLE, '--name', 'Уральская область', '--authority', 'Комитет', '--registry', file);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const loaded = await loadRegion(dir);
    expect(loaded.ok && loaded.config.registry?.numbering.pattern).toBe('66-{year}-{seq}');
    const text = await readFile(path.join(dir, 'registry.yaml'), 'utf8');
    const schema = /\$schema=(\S+)/.exec(text)![1]!;
    expect(path.resolve(dir, schema)).toBe(path.resolve(SAMPLE, '../../../config/schemas/registry.schema.json'));
  });
});
