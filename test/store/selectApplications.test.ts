import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApplicationIndexEntry } from '../../engine/store/ApplicationIndexEntry.ts';
import { selectApplications } from '../../engine/store/selectApplications.ts';

const entry = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  region: fc.constantFrom('r1', 'r2'),
  service: fc.constant('svc'),
  state: fc.constantFrom('a', 'b'),
  final: fc.boolean(),
  applicantId: fc.constant('u'),
  stepDue: fc.option(fc.constantFrom('2025-01-01', '2025-01-02', '2025-01-03'), { nil: null }),
  receivedAt: fc.integer({ min: 0, max: 5 }),
  version: fc.constant(1),
});

/** The obvious implementation: filter, sort everything, slice. */
function naive(entries: ApplicationIndexEntry[], region: string, offset: number, limit: number): string[] {
  const due = (e: ApplicationIndexEntry) => e.stepDue ?? '9999-99-99';
  return entries
    .filter((e) => e.region === region)
    .sort((a, b) => (due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    .slice(offset, offset + limit)
    .map((e) => e.id);
}

describe('selectApplications', () => {
  it('pages exactly like a full sort in inbox order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 60 }), fc.nat(30), fc.nat(30), (entries, offset, limit) => {
        const result = selectApplications(entries, { region: 'r1', offset, limit });
        expect(result.ids).toEqual(naive(entries, 'r1', offset, limit));
        expect(result.total).toBe(entries.filter((e) => e.region === 'r1').length);
      }),
    );
  });
});
