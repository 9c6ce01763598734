import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLoadError } from '../../config/loader/LoadError.ts';
import { loadRegion, loadRegionFromFiles } from '../../config/loader/loadRegion.ts';

const SAMPLE = 'test/fixtures/sample';
const temps: string[] = [];

/** Copies the sample region to a temp folder named `sample` (the folder name must equal the id). */
async function copySample(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'reglament-load-'));
  temps.push(root);
  const dir = path.join(root, 'sample');
  await cp(SAMPLE, dir, { recursive: true });
  // The copy must still find the shared calendar: the federal folder that comes with reglament, by a relative path.
  const region = path.join(dir, 'region.yaml');
  await writeFile(region, (await readFile(region, 'utf8')).replace('shared: ../../../regions/_shared', `shared: ${path.relative(dir, path.resolve('regions/_shared'))}`));
  return dir;
}

async function edit(dir: string, rel: string, from: string, to: string): Promise<void> {
  const file = path.join(dir, rel);
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}

afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('loadRegion', () => {
  it('loads the sample region into one frozen, typed config', async () => {
    const result = await loadRegion(SAMPLE);
    if (!result.ok) throw new Error(result.errors.map(formatLoadError).join('\n'));
    const c = result.config;
    expect(c.id).toBe('sample');
    expect(Object.keys(c.services).sort()).toEqual(['close', 'permit']);
    expect(c.services.permit.deadline!.map((d) => d.use)).toEqual(['permitSiteTotal', 'permitTotal']);
    expect(c.fees.permit.values.map((v) => v.amount)).toEqual([1000, 1500]);
    expect(c.procedures.permit.states.signingGrant?.role).toBe('head');
    expect(c.templates.noticeGrant.source).toContain('Уведомление о выдаче');
    expect(Object.keys(c.calendar.federal).map(Number)).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(c.calendar.overlay[2025].nonWorking?.[0].date).toBe('2025-07-15');
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.services.permit.deadline![0])).toBe(true);
    expect(() => {
      (c.fees.permit.values[0] as { amount: number }).amount = 1;
    }).toThrow(TypeError);
  });

  it('gives the same version for the same files and a new one when any file changes', async () => {
    const a = await loadRegion(SAMPLE);
    const dir = await copySample();
    const b = await loadRegion(dir);
    await edit(dir, 'fees.yaml', 'amount: 1000', 'amount: 1100');
    const c = await loadRegion(dir);
    if (!a.ok || !b.ok || !c.ok) throw new Error('sample must load');
    expect(c.config.version).not.toBe(b.config.version);
    expect(c.config.fees.permit.values[0].amount).toBe(1100);
    expect(a.config.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reloads an old version from its stored files', async () => {
    const a = await loadRegion(SAMPLE);
    if (!a.ok) throw new Error('sample must load');
    const again = loadRegionFromFiles(SAMPLE, a.config.files);
    if (!again.ok) throw new Error(again.errors.map(formatLoadError).join('\n'));
    expect(again.config.version).toBe(a.config.version);
    expect(again.config.fees).toEqual(a.config.fees);
  });

  it('reports every error of a folder at once, sorted by file and line', async () => {
    const dir = await copySample();
    await edit(dir, 'deadlines.yaml', 'workingDays: 10,', 'workingDays: -1,');
    await edit(dir, 'services/permit.yaml', 'procedure: permit', 'procedure: permitt');
    await edit(dir, 'procedures/permit.yaml', 'REGISTER: { target: review }', 'REGISTER: { target: reveiw }');
    await edit(dir, 'forms/review.yaml', 'group: refuse', 'group: refusal');
    const result = await loadRegion(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.errors.map((e) => `${path.relative(dir, e.file)}:${e.line} ${e.path} ${e.message}`);
    expect(lines).toEqual([
      'deadlines.yaml:3 deadlines[0].workingDays must be >= 0 (got -1)',
    ]);
  });

  it('reports cross-reference errors once the files themselves are valid', async () => {
    const dir = await copySample();
    await edit(dir, 'services/permit.yaml', 'procedure: permit', 'procedure: permitt');
    await edit(dir, 'procedures/permit.yaml', 'REGISTER: { target: review }', 'REGISTER: { target: reveiw }');
    await edit(dir, 'forms/review.yaml', 'group: refuse', 'group: refusal');
    await edit(dir, 'procedures/permit.yaml', 'guard: approved', 'guard: aproved');
    const result = await loadRegion(dir);
    if (result.ok) throw new Error('must fail');
    const lines = result.errors.map((e) => `${path.relative(dir, e.file)}:${e.line} ${e.path} ${e.message}`);
    expect(lines).toEqual([
      'forms/review.yaml:15 sections[0].fields[1].group refers to refusal-ground group (refusals.yaml) "refusal", which does not exist (known: refuse)',
      'procedures/permit.yaml:28 states.registration.on.REGISTER.target event REGISTER goes to state "reveiw" that does not exist (known: registration, review, awaitingDocuments, signingGrant, signingRefusal, notifyGrant, notifyRefusal, granted, refused, withdrawn)',
      'procedures/permit.yaml:36 states.review.on.REVIEW[0].guard refers to guard rule (rules.yaml) "aproved", which does not exist (known: isCompany, isEntrepreneur, needsSite, approved, rejected, wantsPaper, ownError, beforeDecision)',
      'services/permit.yaml:6 procedure refers to procedure "permitt", which does not exist (known: close, permit)',
    ]);
  });

  it('refuses unknown files, ids that differ from file names, and unescaped template output', async () => {
    const dir = await copySample();
    await writeFile(path.join(dir, 'fess.yaml'), 'fees: []\n');
    await edit(dir, 'forms/close-application.yaml', 'id: close-application', 'id: close-form');
    await edit(dir, 'templates/notice-close.hbs', '{{licence.number}}', '{{{licence.number}}}');
    const result = await loadRegion(dir);
    if (result.ok) throw new Error('must fail');
    const lines = result.errors.map((e) => `${path.relative(dir, e.file)}:${e.line} ${e.message}`);
    expect(lines).toContain('fess.yaml:0 unknown file: a region folder holds region.yaml, roles.yaml, deadlines.yaml, fees.yaml, rules.yaml, refusals.yaml, registry.yaml, services/, forms/, procedures/, templates/ and calendar/ (see README)');
    expect(lines).toContain('forms/close-application.yaml:2 must equal the file name "close-application" (got "close-form")');
    expect(lines).toContain('templates/notice-close.hbs:2 unescaped output {{{...}}} is not allowed: documents print every value HTML-escaped');
  });

  it('refuses a calendar day that contradicts its year or weekday', async () => {
    const dir = await copySample();
    await edit(dir, 'calendar/2025.yaml', 'date: 2025-07-15', 'date: 2025-07-19');
    const result = await loadRegion(dir);
    if (result.ok) throw new Error('must fail');
    expect(result.errors.map((e) => e.message)).toEqual(['2025-07-19 is a Saturday or Sunday, which is non-working anyway; list only Monday-to-Friday days here']);
  });

  it('says what is missing when the folder is not a region', async () => {
    const result = await loadRegion('test/fixtures');
    if (result.ok) throw new Error('must fail');
    expect(formatLoadError(result.errors[0])).toBe('test/fixtures/region.yaml missing: every region folder starts with region.yaml');
  });
});

describe('hostile YAML', () => {
  it('refuses deeply nested flow collections quickly, with their line', async () => {
    const loaded = await loadRegion(SAMPLE);
    if (!loaded.ok) throw new Error('sample must load');
    const files = { ...loaded.config.files, 'rules.yaml': `rules:\n  - id: deep\n    when: ${'['.repeat(200_000)}\n` };
    const result = loadRegionFromFiles(SAMPLE, files);
    if (result.ok) throw new Error('must fail');
    expect(result.errors.map((e) => `${path.basename(e.file)}:${e.line}:${e.column} ${e.message}`)).toEqual([
      'rules.yaml:3:75 nesting deeper than 64 levels of [ ] or { } is not allowed',
    ]);
  });
});

describe('repeated ids inside a form', () => {
  it('names the repeated field id and option value with their lines', async () => {
    const loaded = await loadRegion(SAMPLE);
    if (!loaded.ok) throw new Error('sample must load');
    const files = { ...loaded.config.files };
    files['forms/review.yaml'] = files['forms/review.yaml']
      .replace('- { value: reject, title: Отказать }', '- { value: approve, title: Отказать }')
      .replace('- { id: note,', '- { id: grounds,');
    const result = loadRegionFromFiles(SAMPLE, files);
    if (result.ok) throw new Error('must fail');
    expect(result.errors.map((e) => `${path.basename(e.file)}:${e.line}:${e.column} ${e.path} ${e.message}`)).toEqual([
      'review.yaml:14:22 sections[0].fields[0].options[1].value duplicate option value id "approve" (first defined as item 0)',
      'review.yaml:16:15 sections[0].fields[2].id duplicate field id "grounds" (first defined as item 1)',
    ]);
  });
});
