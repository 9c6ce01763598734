import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRegion } from '../../tools/check/checkRegion.ts';
import { formatFinding } from '../../tools/check/Finding.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import { copyRegion } from '../server/harness.ts';

/**
 * Each fixture under test/fixtures/check-broken loads without a loader error and holds exactly one
 * fault that only `reglament check` sees; the check must name it with its file and line.
 */
const CASES: { name: string; finding: string }[] = [
  {
    name: 'unreachable-state',
    finding: 'test/fixtures/check-broken/unreachable-state/procedures/permit.yaml:13:3 error [unreachable-state] step "forgotten" cannot be reached from the initial state "review": no transition leads to it',
  },
  {
    name: 'dead-end-state',
    finding: 'test/fixtures/check-broken/dead-end-state/procedures/permit.yaml:15:3 error [dead-end-state] step "postponed" accepts no event of its own, so an application there can never move on',
  },
  {
    name: 'event-no-sender',
    finding:
      'test/fixtures/check-broken/event-no-sender/procedures/permit.yaml:6:35 error [event-no-sender] event DECIDE can be sent by nobody: its roles (coordinator) only read the configuration — none files applications, sees the inbox or is responsible for a step',
  },
  {
    name: 'budget-overrun',
    finding:
      "test/fixtures/check-broken/budget-overrun/services/permit.yaml:7:5 error [budget-overrun] the worst path review → signing → done takes up to 11 working days after registration by its steps' own limits (п. 3.2; 3.3), 1 more than the service total total (10 working days from registration) allows (day 10); fix the limits, or acknowledge it with acknowledgeOverrun {clause, reason} (п. 2.4)",
  },
  {
    name: 'unknown-template-field',
    finding:
      'test/fixtures/check-broken/unknown-template-field/templates/notice.hbs:3:86 error [unknown-template-field] template "notice" prints application.submission.applicant.nam, which does not exist for service "permit": "application.submission.applicant" has no "nam" (it has: name)',
  },
  {
    name: 'template-render-error',
    finding:
      'test/fixtures/check-broken/template-render-error/templates/notice.hbs error [template-render-failed] template "notice" fails to render for service "permit" with data generated from its forms: #with requires exactly one argument',
  },
  {
    name: 'guards-gap',
    finding:
      'test/fixtures/check-broken/guards-gap/procedures/permit.yaml:13:9 error [guards-incomplete] event DECIDE in state "review" may match no transition (guards approved, rejected all fail, e.g. when payload.result.decision = "postpone") and would be refused',
  },
  {
    name: 'clause-not-in-text',
    finding: 'test/fixtures/check-broken/clause-not-in-text/procedures/permit.yaml:13:39 error [clause-not-in-text] states.review.on.DECIDE cites clause 3.3.1, which the regulation text does not contain',
  },
];

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/reglament.mjs', 'check', ...args], { encoding: 'utf8' });

describe('check-broken fixtures', () => {
  for (const { name, finding } of CASES) {
    it(`${name}: loads, and check reports exactly its one fault with file:line`, async () => {
      const loaded = await loadRegion(`test/fixtures/check-broken/${name}`);
      expect(loaded.ok ? [] : loaded.errors).toEqual([]);
      if (!loaded.ok) return;
      const result = await checkRegion(loaded.config);
      expect(result.findings.map(formatFinding)).toEqual([finding]);
    });
  }

  it('`reglament check` exits 1 and prints the finding for a region with an error', () => {
    const r = run('test/fixtures/check-broken/guards-gap');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('test/fixtures/check-broken/guards-gap/procedures/permit.yaml:13:9 error [guards-incomplete]');
    expect(r.stdout).toContain('guards-gap: 1 error, 0 warnings');
  });

  it('an overrun fails the check, naming the path and the clauses; acknowledged in YAML it is still printed but passes, and fails with --strict', async () => {
    const plain = run('test/fixtures/check-broken/budget-overrun');
    expect(plain.status).toBe(1);
    expect(plain.stdout).toContain('services/permit.yaml:7:5 error [budget-overrun] the worst path review → signing → done');
    expect(plain.stdout).toContain('total total: 10 working days from registration (п. 2.4); 1 path; worst ends on day 11 (2025-03-18), limit day 10 (2025-03-17), received on its registration day: OVERRUN by 1');

    const dir = await copyRegion('test/fixtures/check-broken/budget-overrun', 'budget-overrun');
    const tmp = path.dirname(dir);
    try {
      const service = path.join(dir, 'services/permit.yaml');
      const text = (await readFile(service, 'utf8')).replace('- { use: total, clause: "2.4" }', '- use: total\n    clause: "2.4"\n    acknowledgeOverrun: { clause: "3.2; 3.3", reason: Сроки шагов регламента в сумме превышают общий срок }');
      await writeFile(service, text);
      const acknowledged = run(dir);
      expect(acknowledged.stdout).toContain('warning [budget-overrun] the worst path review → signing → done takes up to 11 working days');
      expect(acknowledged.stdout).toContain('— acknowledged (п. 3.2; 3.3): Сроки шагов регламента в сумме превышают общий срок');
      expect(acknowledged.stdout).toContain('OVERRUN by 1 (acknowledged)');
      expect(acknowledged.status).toBe(0);
      expect(run(dir, '--strict').status).toBe(1);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('--json gives the findings as data', () => {
    const r = run('test/fixtures/check-broken/unreachable-state', '--json');
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.findings).toEqual([
      expect.objectContaining({ severity: 'error', code: 'unreachable-state', file: 'test/fixtures/check-broken/unreachable-state/procedures/permit.yaml', line: 13, column: 3 }),
    ]);
    expect(result.paths).toEqual([{ procedure: 'permit', paths: 1, capped: false }]);
  });

  it('a loader error is printed as the loader prints it, exit 1', () => {
    const r = run('test/fixtures/broken/bad-type');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('test/fixtures/broken/bad-type/deadlines.yaml:5:18 deadlines[0].workingDays must be a non-negative integer');
  });

  it('the sample region, which uses every feature, checks clean', () => {
    const r = run('test/fixtures/sample');
    expect(r.stdout).toContain('test/fixtures/sample: 0 errors, 0 warnings');
    expect(r.status).toBe(0);
  });
});
