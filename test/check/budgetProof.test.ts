/**
 * `reglament check` proves the deadline budget of a real region: Vologda passes and prints its phase
 * budgets; a copy whose step limits no longer fit exits 1, naming the path and the clauses; and the rule
 * that no registry change may stay behind a withdrawn application finds a procedure without the guard.
 */
import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyRegion, VOLOGDA } from '../server/harness.ts';

const check = (...args: string[]) => spawnSync(process.execPath, ['bin/reglament.mjs', 'check', ...args], { encoding: 'utf8' });

async function editedCopy(file: string, ...edits: [string, string][]): Promise<string> {
  const dir = await copyRegion(VOLOGDA, 'vologda');
  const target = path.join(dir, file);
  let text = await readFile(target, 'utf8');
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  await writeFile(target, text);
  return dir;
}

describe('the deadline budget of Vologda', () => {
  it('passes, and prints the budget of each phase with its clause', () => {
    const r = check('regions/vologda');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('phase budgets');
    expect(r.stdout).toMatch(/phase grant\.review \(.*\): 34 working days from phaseStart \(п\. 3\.2\.2\.11\); \d+ paths; worst ends on day 33 .*: 1 spare/);
    expect(r.stdout).toMatch(/phase amend\.review \(.*\): 9 working days from phaseStart \(п\. 3\.3\.2\.11\).*: 0 spare/);
    expect(r.stdout).toMatch(/phase terminate\.review \(.*\): 4 working days from phaseStart \(п\. 3\.4\.2\.6\).*: 0 spare/);
  });

  it('fails (exit 1) for a copy whose assessment takes 26 working days, naming the path and the clauses it breaks', async () => {
    // The worst path ends on day 33 after registration with a 24-day assessment (3.2.2.6); with 26 it ends on
    // day 35. The phase 3.2.2 began on day 0: its 34 days end on day 34. The total counts 35 days from receipt,
    // and a filing received on a non-working day stands a day before registration: day 34 too.
    const dir = await editedCopy('deadlines.yaml', ['clause: "3.2.2.6"\n    workingDays: 24', 'clause: "3.2.2.6"\n    workingDays: 26']);
    try {
      const r = check(dir);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/services\/grant\.yaml:\d+:\d+ error \[budget-overrun\] for a filing received on a non-working day or after hours, the worst path registration → signatureCheck → .*assessment → decisionDraft → decisionSigning → notifyGranted → granted takes up to 35 working days after registration by its steps' own limits \(п\. [^)]*3\.2\.2\.6[^)]*\), 1 more than the service total grantTotal \(35 working days from receipt\) allows \(day 34\).*\(п\. 2\.4\.1\)/);
      expect(r.stdout).toMatch(/procedures\/grant\.yaml:\d+:\d+ error \[budget-overrun\] the worst path .* takes up to 35 working days .* 1 more than phase review \(34 working days from phaseStart\) allows \(day 34\).*\(п\. 3\.2\.2\.11\)/);
    } finally {
      await rm(path.dirname(dir), { recursive: true, force: true });
    }
  });

  it('finds a procedure whose withdrawal could follow the licence order (no guard)', async () => {
    const dir = await editedCopy('procedures/grant.yaml', ['    guard: withdrawalAllowed\n', ''], [/otherwise:\n(?: {2}.*\n)+/.exec(await readFile('regions/vologda/procedures/grant.yaml', 'utf8'))![0], '']);
    try {
      const r = check(dir);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/procedures\/grant\.yaml:\d+:\d+ error \[registry-change-withdrawn\] after SIGN_DECISION in step "decisionSigning" issues a licence \(issueLicence\), WITHDRAW can still take the application from "notifyGranted" to the final state "withdrawn"/);
    } finally {
      await rm(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
