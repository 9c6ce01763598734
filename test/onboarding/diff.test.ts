/**
 * `reglament diff`: between the sample and the second region made from it, exactly the changes made to
 * the second; and on edited copies, how changed (not just added or removed) items read.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import { regionDiff } from '../../tools/onboarding/diff/regionDiff.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { EASTERN, REPO, reglament, reglamentBinary, SAMPLE } from './cli.ts';

let sample: RegionConfig;
let eastern: RegionConfig;
beforeAll(async () => {
  const [a, b] = await Promise.all([loadRegion(SAMPLE), loadRegion(EASTERN)]);
  if (!a.ok || !b.ok) throw new Error('both fixtures must load');
  sample = a.config;
  eastern = b.config;
});

/** Everything a difference says, as one line, for exact comparison. */
const rows = (a: RegionConfig, b: RegionConfig) => regionDiff(a, b).map((e) => `${e.area} | ${e.item} | ${e.change} | ${e.a ?? '—'} | ${e.b ?? '—'}`);

/** A deep, writable copy of a loaded (frozen) region. */
type Writable<T> = { -readonly [K in keyof T]: Writable<T[K]> };
const editable = (c: RegionConfig) => structuredClone(c) as Writable<RegionConfig>;

describe('diff of the sample and the second region', () => {
  it('lists exactly the identity, calendar, deadline, step, role, field and fee changes', () => {
    expect(rows(sample, eastern)).toEqual([
      'region | id | changed | sample | eastern',
      'region | title | changed | Образцовая область | Восточная область',
      'region | authority | changed | Комитет по образцовым разрешениям Образцовой области | Управление по образцовым разрешениям Восточной области',
      'region | authority address | removed | г. Образцов, ул. Примерная, 1 | —',
      'region | timezone | changed | Asia/Yekaterinburg | Asia/Vladivostok',
      'fees | permit › from 2026-01-01 | added | — | 2500 ₽ (2.4)',
      'deadlines | review | changed | 5 working days from stepStart (3.2) | 3 working days from stepStart (3.2)',
      'deadlines | expertise | added | — | 2 working days from stepStart (3.2.1)',
      'roles | expert | added | — | Эксперт Управления [inbox]',
      'procedures | permit › event CONCLUDE | added | — | roles expert',
      'procedures | permit › review › on REVIEW | changed | → signingGrant if approved | → signingRefusal if rejected | → expertise if approved | → signingRefusal if rejected',
      'procedures | permit › expertise | added | — | step, role expert, deadline expertise; CONCLUDE → signingGrant',
      'forms | permit-application › applicant.address | added | — | text, required',
      'calendar | regional 2025-07-15 | removed | non-working: День Образцовой области | —',
      'calendar | regional 2025-09-05 | added | — | non-working: День Восточной области',
    ]);
  });

  it('is symmetric: from the second region back to the sample every change is reversed', () => {
    const forward = regionDiff(sample, eastern);
    const back = regionDiff(eastern, sample);
    const flip = { added: 'removed', removed: 'added', changed: 'changed' } as const;
    expect(back.map((e) => [e.area, e.item, e.change, e.a, e.b]).sort()).toEqual(forward.map((e) => [e.area, e.item, flip[e.change], e.b, e.a]).sort());
  });

  it('finds nothing between a region and itself', () => {
    expect(regionDiff(sample, sample)).toEqual([]);
  });
});

describe('changed items', () => {
  it('reads a changed fee amount, deadline anchor, step role, field type and requiredness, service fee choice', () => {
    const b = editable(sample);
    b.fees.permit!.values[1]!.amount = 1700;
    b.deadlines.review!.from = 'decision';
    b.procedures.permit!.states.signingGrant!.role = 'officer';
    const kind = b.forms['permit-application']!.sections[0]!.fields[0]!;
    kind.type = 'multiEnum';
    b.forms['permit-application']!.sections[0]!.fields[5]!.required = false; // phone
    b.services.permit!.fee = [{ use: 'permit' }];
    b.calendar.overlay[2025]!.nonWorking![0]!.title = 'Другой праздник';
    expect(rows(sample, b as RegionConfig)).toEqual([
      'services | permit › fee | changed | permitSite if needsSite; permit | permit',
      'fees | permit › from 2025-01-01 | changed | 1500 ₽ (2.4) | 1700 ₽ (2.4)',
      'deadlines | review | changed | 5 working days from stepStart (3.2) | 5 working days from decision (3.2)',
      'procedures | permit › signingGrant › role | changed | head | officer',
      'forms | permit-application › applicant.kind | changed | enum, required, [company, entrepreneur] | multiEnum, required, [company, entrepreneur]',
      'forms | permit-application › applicant.phone | changed | phone, required | phone',
      'calendar | regional 2025-07-15 | changed | non-working: День Образцовой области | non-working: Другой праздник',
    ]);
  });

  it('reads removed states, services, template text and registry attributes', () => {
    const b = editable(sample);
    delete b.procedures.permit!.states.notifyRefusal;
    delete b.services.close;
    b.templates.noticeGrant!.source = b.templates.noticeGrant!.source.replace('уведомляет', 'сообщает');
    b.registry!.attributes = b.registry!.attributes.filter((a) => a.id !== 'kinds') as Writable<NonNullable<RegionConfig["registry"]>>["attributes"];
    const out = rows(sample, b as RegionConfig);
    expect(out).toContain('services | close | removed | Прекращение разрешения | —');
    expect(out).toContain('procedures | permit › notifyRefusal | removed | step, role officer, deadline notify; NOTIFY → refused [renderDocument noticeRefusal] | —');
    expect(out.find((r) => r.startsWith('templates | noticeGrant › text | changed | line 2:'))).toMatch(/уведомляет.*\| line 2: .*сообщает/);
    expect(out).toContain('registry | attribute kinds | removed | Виды работ ← submission.works.kinds | —');
    expect(out).toHaveLength(4);
  });
});

describe('reglament diff', () => {
  it('prints a table with one row per difference and exits 1 (the binary)', () => {
    const r = reglamentBinary('diff', 'test/fixtures/sample', 'test/fixtures/eastern');
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^AREA +ITEM +sample +eastern$/);
    expect(lines.at(-1)).toBe('15 differences');
    expect(lines.find((l) => l.startsWith('deadlines   review'))).toMatch(/5 working days from stepStart \(3\.2\) +3 working days from stepStart \(3\.2\)$/);
  });

  it('gives every difference whole with --json', async () => {
    const r = await reglament('diff', SAMPLE, EASTERN, '--json');
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.differences).toEqual(JSON.parse(JSON.stringify(regionDiff(sample, eastern))));
  });

  it('exits 0 for identical folders and 2 with the loader errors for a broken one', async () => {
    const same = await reglament('diff', SAMPLE, SAMPLE);
    expect(same).toMatchObject({ status: 0, stdout: expect.stringContaining('no differences') });
    const broken = await reglament('diff', SAMPLE, path.join(REPO, 'test/fixtures/broken/bad-type'));
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/bad-type\/.*:\d+:\d+/);
    expect(broken.stderr).toContain('does not load');
  });
});
