import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverage, coverageMarkdown } from '../../tools/check/coverage.ts';
import { parseRegulationText } from '../../tools/check/regulationText.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';

/** The regulation text lives beside the clone (../shared/seeds), in CI as on a workstation. */
const SEED = path.resolve('..', 'shared/seeds/regulation-vologda-2024-169.txt');

async function loaded(dir: string) {
  const r = await loadRegion(dir);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.config;
}

describe('regulation coverage', () => {
  it('maps each clause of a text to the items citing it, and lists uncited and unknown clauses', async () => {
    const config = await loaded('test/fixtures/check-broken/clause-not-in-text');
    const text = parseRegulationText(readFileSync('test/fixtures/check-broken/clause-not-in-text/regulation.md', 'utf8'));
    const c = coverage(config, text, 'regulation.md');
    expect(c.clauses.map((r) => [r.clause, r.status, r.citedBy.map((i) => `${i.file}:${i.line} ${i.item}`)])).toEqual([
      ['2.4', 'cited', ['deadlines.yaml:3 deadlines[0] (total)', 'services/permit.yaml:7 deadline[0]']],
      ['3.2', 'cited', ['deadlines.yaml:4 deadlines[1] (review)', 'procedures/permit.yaml:11 states.review']],
      ['3.2.1', 'cited', ['procedures/permit.yaml:6 events.DECIDE']],
      ['3.3', 'none', []],
    ]);
    expect(c.missing).toEqual([{ clause: '3.3.1', file: 'procedures/permit.yaml', line: 13, item: 'states.review.on.DECIDE' }]);
    const md = coverageMarkdown(c, 'reglament coverage X');
    expect(md).toContain('| 3.3 | 11 | Уведомление заявителя | **not cited** |');
    expect(md).toContain('- 3.3.1: `procedures/permit.yaml:13` states.review.on.DECIDE');
  });

  it.skipIf(!existsSync(SEED))(`regions/vologda/COVERAGE.md is up to date with the config and ${path.basename(SEED)} (skipped when ../shared/seeds is absent)`, async () => {
    const config = await loaded('regions/vologda');
    const c = coverage(config, parseRegulationText(readFileSync(SEED, 'utf8')), path.basename(SEED));
    const expected = coverageMarkdown(c, `reglament coverage regions/vologda --text ${path.basename(SEED)}`);
    const actual = readFileSync('regions/vologda/COVERAGE.md', 'utf8');
    // Regenerate with: node bin/reglament.mjs coverage regions/vologda --text ../shared/seeds/regulation-vologda-2024-169.txt > regions/vologda/COVERAGE.md
    expect(actual, 'regions/vologda/COVERAGE.md is stale: regenerate it with `reglament coverage`').toBe(expected);
    expect(c.missing).toEqual([]);
  });
});
