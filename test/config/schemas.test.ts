import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedTypesFile, generateTypes } from '../../config/generateTypes.ts';
import { readSchemas } from '../../config/loader/schemaValidator.ts';

/** Every property of every schema, with the JSON path where it is declared. */
function properties(node: unknown, at: string, out: { at: string; schema: Record<string, unknown> }[] = []) {
  if (!node || typeof node !== 'object') return out;
  const n = node as Record<string, unknown>;
  if (n.properties && typeof n.properties === 'object') {
    for (const [name, schema] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) out.push({ at: `${at}.properties.${name}`, schema });
  }
  // allOf/if/then only constrain properties declared (and described) above.
  for (const [k, v] of Object.entries(n)) if (v && typeof v === 'object' && k !== 'allOf') properties(v, `${at}.${k}`, out);
  return out;
}

describe('config language schemas', () => {
  it('describe every property, so editors can explain each key to a coordinator', () => {
    const missing: string[] = [];
    for (const [file, schema] of Object.entries(readSchemas())) {
      for (const { at, schema: prop } of properties(schema, file)) {
        // A property that only points at a shared definition inherits that definition's description.
        const described = typeof prop.description === 'string' || (typeof prop.$ref === 'string' && Object.keys(prop).length === 1);
        if (!described) missing.push(at);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keep config/types/generated.ts up to date (run `npm run types` after changing a schema)', async () => {
    const current = await readFile(generatedTypesFile, 'utf8');
    expect(current === (await generateTypes()), 'config/types/generated.ts is stale: run `npm run types`').toBe(true);
  });

  it('are referenced by the yaml-language-server line at the top of every region YAML file', async () => {
    const roots = ['regions', 'test/fixtures'];
    const wrong: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'tests' && entry.name !== 'broken') await walk(full);
        } else if (entry.name.endsWith('.yaml')) {
          const first = (await readFile(full, 'utf8')).split('\n', 1)[0];
          const m = /^# yaml-language-server: \$schema=(.+\.schema\.json)$/.exec(first);
          const target = m ? path.resolve(path.dirname(full), m[1]) : '';
          if (!m || !target.startsWith(path.resolve('config/schemas'))) wrong.push(full);
          else await readFile(target).catch(() => wrong.push(`${full} -> ${m[1]} (no such schema)`));
        }
      }
    };
    for (const r of roots) await walk(r);
    expect(wrong).toEqual([]);
  });
});
