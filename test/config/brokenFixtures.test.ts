import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatLoadError } from '../../config/loader/LoadError.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';

/** Each broken fixture holds exactly one fault; the loader must name its file, line and what is wrong. */
const CASES: { name: string; error: string }[] = [
  { name: 'bad-type', error: 'test/fixtures/broken/bad-type/deadlines.yaml:5:18 deadlines[0].workingDays must be a non-negative integer (got "35 days")' },
  { name: 'unknown-key', error: 'test/fixtures/broken/unknown-key/services/permit.yaml:3:1 titel unknown key "titel" (allowed: id, title, description, clause, form, procedure, deadline, fee, exemptions, refusalGrounds, applicantRoles, delivery, results, summary)' },
  { name: 'dangling-reference', error: 'test/fixtures/broken/dangling-reference/services/permit.yaml:4:7 form refers to form "permit-from", which does not exist (known: permit-form)' },
  { name: 'duplicate-id', error: 'test/fixtures/broken/duplicate-id/roles.yaml:5:11 roles[2].id duplicate id "officer" (first defined as item 1)' },
  { name: 'yaml-syntax', error: 'test/fixtures/broken/yaml-syntax/procedures/permit.yaml:10:1 YAML syntax: All mapping items must start at the same column' },
  { name: 'alias-bomb', error: 'test/fixtures/broken/alias-bomb/rules.yaml:1:1 too many YAML aliases (at most 50 expansions are allowed): Excessive alias count indicates a resource exhaustion attack' },
  { name: 'total-from-milestone', error: 'test/fixtures/broken/total-from-milestone/services/permit.yaml:7:10 deadline[0].use the service total "total" counts from "decided", which is not known when the application arrives; a total counts from receipt, registration or a required date field of the application form' },
  { name: 'numbering-without-year', error: 'test/fixtures/broken/numbering-without-year/region.yaml:9:34 applicationNumbering.pattern must contain both {seq} and {year}: the sequence starts again every year (got "З-{seq}")' },
  { name: 'oversized', error: 'test/fixtures/broken/oversized/forms/permit-form.yaml file is 1110410 bytes; config files may be at most 1048576 bytes (1 MiB)' },
];

describe('broken fixtures', () => {
  for (const { name, error } of CASES) {
    it(`${name}: reports exactly its one fault with file:line`, async () => {
      const result = await loadRegion(`test/fixtures/broken/${name}`);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors.map(formatLoadError)).toEqual([error]);
    });
  }

  it('`reglament validate` exits 1 and prints the fault for a broken folder, 0 for a good one', () => {
    const bad = spawnSync(process.execPath, ['bin/reglament.mjs', 'validate', 'test/fixtures/broken/bad-type'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('deadlines.yaml:5:18');
    const good = spawnSync(process.execPath, ['bin/reglament.mjs', 'validate', 'test/fixtures/sample'], { encoding: 'utf8' });
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/^ok test\/fixtures\/sample: Образцовая область \(sample\)/);
  });
});
