import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverage, coverageMarkdown, type Coverage } from '../../tools/check/coverage.ts';
import { parseRegulationText } from '../../tools/check/regulationText.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';

/** The regulation text lives beside the clone (../shared/seeds), in CI as on a workstation. */
const SEED = path.resolve('..', 'shared/seeds/regulation-vologda-2024-169.txt');
/** The access order the platform folder encodes. */
const ORDER = path.resolve('..', 'shared/seeds/access-order-licensing-subsystem.txt');

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

  it.skipIf(!existsSync(ORDER))(`regions/platform/COVERAGE.md is up to date with the config and ${path.basename(ORDER)}, and cites every clause`, async () => {
    const config = await loaded('regions/platform');
    const c = coverage(config, parseRegulationText(readFileSync(ORDER, 'utf8')), path.basename(ORDER));
    const expected = coverageMarkdown(c, `reglament coverage regions/platform --text ${path.basename(ORDER)}`);
    // Regenerate with: node bin/reglament.mjs coverage regions/platform --text ../shared/seeds/access-order-licensing-subsystem.txt > regions/platform/COVERAGE.md
    expect(readFileSync('regions/platform/COVERAGE.md', 'utf8'), 'regions/platform/COVERAGE.md is stale: regenerate it with `reglament coverage`').toBe(expected);
    expect(c.missing).toEqual([]);
    expect(c.clauses.filter((x) => x.status === 'none').map((x) => x.clause)).toEqual([]);
  });
});

/**
 * The coverage table of a region README: `| Clauses | What | Where | Status |` rows under "## Coverage".
 * Clauses are "2.6.1.1", ranges "1.4–1.5.6" (every clause of the text from one to the other), or a section
 * "IV"; parentheses and appendix rows are not read. Returns clause -> statuses of the rows naming it.
 */
function readmeCoverage(readme: string, c: Coverage): { statuses: Map<string, Set<string>>; unknown: string[] } {
  const order = c.clauses.map((x) => x.clause);
  const section = readme.slice(readme.indexOf('## Coverage'));
  const rows = section.split('\n').filter((l) => /^\| [0-9IV]/.test(l) && !/^\| ---/.test(l));
  const statuses = new Map<string, Set<string>>();
  const unknown: string[] = [];
  const roman: Record<string, string> = { I: '1', II: '2', III: '3', IV: '4', V: '5' };
  for (const row of rows) {
    const cells = row.split('|').map((x) => x.trim());
    const [clauses, status] = [cells[1]!, cells[4]!];
    for (const token of clauses.replace(/\([^)]*\)/g, '').split(',').map((t) => t.trim()).filter(Boolean)) {
      let names: string[];
      const range = /^(\d+(?:\.\d+)*)–(\d+(?:\.\d+)*)$/.exec(token);
      if (range) {
        const [from, to] = [order.indexOf(range[1]!), order.indexOf(range[2]!)];
        names = from < 0 || to < from ? [] : order.slice(from, to + 1);
        if (names.length === 0) unknown.push(token);
      } else if (/^\d+(\.\d+)*$/.test(token)) {
        names = [token];
        if (!order.includes(token)) unknown.push(token);
      } else if (roman[token]) {
        names = order.filter((n) => n.startsWith(`${roman[token]}.`));
      } else continue;
      for (const n of names) statuses.set(n, new Set([...(statuses.get(n) ?? []), status]));
    }
  }
  return { statuses, unknown };
}

describe('the Vologda README\'s coverage table', () => {
  it.skipIf(!existsSync(SEED))('agrees with `reglament coverage`: encoded exactly where the folder cites the clause, and every clause listed', async () => {
    const config = await loaded('regions/vologda');
    const c = coverage(config, parseRegulationText(readFileSync(SEED, 'utf8')), path.basename(SEED));
    const { statuses, unknown } = readmeCoverage(readFileSync('regions/vologda/README.md', 'utf8'), c);
    expect(unknown, 'clauses the README names that the text does not have').toEqual([]);
    const disagreements: string[] = [];
    for (const clause of c.clauses) {
      const listed = statuses.get(clause.clause);
      const encoded = listed?.has('encoded') ?? false;
      for (const s of listed ?? []) if (!['encoded', 'out of scope', 'gap'].includes(s)) disagreements.push(`${clause.clause}: unknown status "${s}"`);
      if (clause.status === 'cited' && !encoded) disagreements.push(`${clause.clause} is cited by ${clause.citedBy[0]?.file}:${clause.citedBy[0]?.line} but the README says ${listed ? [...listed].join(', ') : 'nothing'}`);
      if (clause.status === 'none' && !listed) disagreements.push(`${clause.clause} is missing from the README's table`);
      if (clause.status === 'none' && encoded) disagreements.push(`${clause.clause}: the README says encoded, but nothing in the folder cites it`);
    }
    expect(disagreements).toEqual([]);
  });
});
