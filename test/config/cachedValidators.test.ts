/**
 * Compiled validators kept in the cache folder: the second start loads what the first compiled and
 * judges data exactly as a fresh compile does; a changed schema, or a damaged file, is compiled anew.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedValidators } from '../../config/loader/cachedValidators.ts';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

const schema = (maxLength: number) =>
  JSON.stringify({
    $id: 'https://example.test/person.json',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'born'],
    properties: { name: { type: 'string', minLength: 1, maxLength }, born: { type: 'string', format: 'date' }, tags: { type: 'array', uniqueItems: true } },
  });

let compiles = 0;
const spec = (maxLength: number) => ({
  name: 'test-person',
  inputs: [schema(maxLength)],
  ids: { person: 'https://example.test/person.json' },
  compile: (code: Parameters<Parameters<typeof cachedValidators>[0]['compile']>[0]) => {
    compiles++;
    const ajv = new Ajv2020({ allErrors: true, verbose: true, code });
    addFormats(ajv);
    ajv.addSchema(JSON.parse(schema(maxLength)) as object);
    return ajv;
  },
  formatsModule: 'ajv-formats/dist/formats',
  formatsExport: 'fullFormats',
});

const samples: unknown[] = [
  { name: 'Иван', born: '1990-02-28' },
  { name: '', born: '1990-02-30', extra: 1 },
  { name: 'x'.repeat(50), born: 'yesterday', tags: [1, 1] },
  [],
];
const verdicts = (validate: ReturnType<typeof cachedValidators<'person'>>['person']) =>
  samples.map((data) => (validate(data) ? [] : validate.errors!.map((e) => ({ ...e }))));

let dir: string;
const saved = process.env.REGLAMENT_CACHE_DIR;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'reglament-cache-'));
  process.env.REGLAMENT_CACHE_DIR = dir;
  compiles = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterAll(() => {
  if (saved === undefined) delete process.env.REGLAMENT_CACHE_DIR;
  else process.env.REGLAMENT_CACHE_DIR = saved;
});

describe('cachedValidators', () => {
  it('compiles once, then loads the cached code, which judges data (errors included) as the compiled one does', async () => {
    const first = cachedValidators(spec(10));
    expect(compiles).toBe(1);
    expect(await readdir(dir)).toHaveLength(1);
    const second = cachedValidators(spec(10));
    expect(compiles).toBe(1);
    expect(verdicts(second.person)).toEqual(verdicts(first.person));
    expect(verdicts(second.person)[0]).toEqual([]);
    expect(verdicts(second.person)[2].map((e) => e.keyword).sort()).toEqual(['format', 'maxLength', 'uniqueItems']);
  });

  it('compiles again for a changed schema, keeping the old file apart', async () => {
    cachedValidators(spec(10));
    const changed = cachedValidators(spec(100));
    expect(compiles).toBe(2);
    expect(await readdir(dir)).toHaveLength(2);
    expect(changed.person({ name: 'x'.repeat(50), born: '1990-01-01' })).toBe(true);
  });

  it('compiles again when the cached file is damaged, and replaces it', async () => {
    cachedValidators(spec(10));
    const [file] = await readdir(dir);
    await writeFile(path.join(dir, file), 'exports.person = (');
    const again = cachedValidators(spec(10));
    expect(compiles).toBe(2);
    expect(again.person({ name: 'a', born: '2024-01-01' })).toBe(true);
    cachedValidators(spec(10));
    expect(compiles).toBe(2);
  });

  it('compiles every time with REGLAMENT_CACHE_DIR=off, writing nothing', async () => {
    process.env.REGLAMENT_CACHE_DIR = 'off';
    cachedValidators(spec(10));
    cachedValidators(spec(10));
    expect(compiles).toBe(2);
    expect(await readdir(dir)).toHaveLength(0);
  });
});
