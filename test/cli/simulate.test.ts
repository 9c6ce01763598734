import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import { simulateService } from '../../tools/simulate/simulateService.ts';

describe('reglament simulate', () => {
  it('registers an evening application on the next working day and counts steps through the New Year holidays', async () => {
    const loaded = await loadRegion('test/fixtures/sample');
    if (!loaded.ok) throw new Error('sample must load');
    // 17:30 Moscow on Fri 27.12.2024 is 19:30 in Yekaterinburg, after the Friday closing time of 16:45;
    // Saturday 28.12.2024 is a working day (decree No. 1314 moved it), so that is the registration day.
    const sim = simulateService(loaded.config, 'permit', new Date('2024-12-27T17:30:00+03:00'), ['REGISTER', 'REVIEW>signingGrant', 'SIGN', 'NOTIFY']);
    expect(sim.registeredOn).toBe('2024-12-28');
    expect(sim.steps.map((s) => [s.state, s.startedOn, s.due?.date ?? null])).toEqual([
      ['registration', '2024-12-28', '2024-12-28'], // 1 day, same day (sameDay)
      ['review', '2024-12-28', '2025-01-15'], // 29.12-08.01 are off: 9, 10, 13, 14, 15 January
      ['signingGrant', '2025-01-15', '2025-01-16'],
      ['notifyGrant', '2025-01-16', '2025-01-17'], // 1 day from the decision milestone
      ['granted', '2025-01-17', null],
    ]);
    // 10 working days from 28.12.2024: 9-10, 13-17, 20-22 January.
    expect(sim.serviceDue.map((d) => [d.deadline, d.due?.date])).toEqual([
      ['permitSiteTotal', '2025-01-29'],
      ['permitTotal', '2025-01-22'],
    ]);
  });

  it('marks a due date in a year with no published calendar as provisional', async () => {
    const loaded = await loadRegion('test/fixtures/sample');
    if (!loaded.ok) throw new Error('sample must load');
    const sim = simulateService(loaded.config, 'permit', new Date('2026-12-25T10:00:00+05:00'));
    expect(sim.serviceDue[1].due?.provisional).toBe(true);
    expect(sim.steps[0].due?.provisional).toBe(false);
  });

  it('explains a path the procedure does not allow', () => {
    const r = spawnSync(process.execPath, ['bin/reglament.mjs', 'simulate', 'test/fixtures/sample', 'permit', '--received', '2025-03-03T10:00:00+05:00', '--path', 'SIGN'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('state "registration" does not accept SIGN (it accepts REGISTER, WITHDRAW)');
  });
});
