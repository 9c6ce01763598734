/**
 * The layers import downwards only: config/ (the language) knows nothing above it, engine/ knows the
 * language, tools/ and server/ drive the engine. A relative import that climbs a layer fails here,
 * naming the file and the import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
/** What each top-level folder may import from (besides itself and packages). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  config: [],
  engine: ['config'],
  tools: ['config', 'engine', 'server'],
  server: ['config', 'engine'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Every relative module specifier of a file: static imports and exports, dynamic import(). */
function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
}

describe('layers', () => {
  for (const [layer, allowed] of Object.entries(MAY_IMPORT)) {
    it(`${layer}/ imports only from ${allowed.length ? allowed.join(', ') + ' and ' : ''}itself`, () => {
      const climbing: string[] = [];
      for (const file of sourceFiles(layer)) {
        for (const spec of relativeImports(readFileSync(path.join(root, file), 'utf8'))) {
          const target = path.relative(root, path.resolve(root, path.dirname(file), spec)).split(path.sep)[0];
          if (target !== layer && !allowed.includes(target)) climbing.push(`${file}: ${spec}`);
        }
      }
      expect(climbing).toEqual([]);
    });
  }

  it('the date helpers are written once', () => {
    const weekendDefinitions = [...Object.keys(MAY_IMPORT), 'renderer']
      .flatMap(sourceFiles)
      .filter((file) => /function isWeekend\b/.test(readFileSync(path.join(root, file), 'utf8')));
    expect(weekendDefinitions).toEqual(['config/dates/isoDate.ts']);
  });
});
