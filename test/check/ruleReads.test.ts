import { describe, expect, it } from 'vitest';
import { ruleReads } from '../../tools/check/ruleVars.ts';

/** The data paths a rule reads, once each, with "*" for any item of an array the rule iterates. */
const paths = (logic: unknown) => [...new Set(ruleReads(logic).filter((r) => r.known).map((r) => r.segments.join('.').replace(/\[\]/g, '*')))];

describe('what a rule reads (ruleReads)', () => {
  it('lists var, missing and scoped paths once each', () => {
    expect(
      paths({
        and: [
          { '==': [{ var: 'submission.applicant.kind' }, 'ip'] },
          { '!': { missing: ['submission.applicant.inn', 'payload.decision'] } },
          { missing_some: [1, ['submission.phone', 'submission.email']] },
          { some: [{ var: 'submission.addresses' }, { in: ['metal', { var: 'activities' }] }] },
          { '==': [{ var: ['submission.applicant.kind', 'ul'] }, 'ip'] },
          { var: { cat: ['application.', { var: 'payload.field' }] } },
        ],
      }),
    ).toEqual([
      'submission.applicant.kind',
      'submission.applicant.inn',
      'payload.decision',
      'submission.phone',
      'submission.email',
      'submission.addresses',
      'submission.addresses.*.activities',
      'payload.field',
    ]);
  });

  it('leaves out item paths when the array is computed', () => {
    expect(paths({ all: [{ merge: [{ var: 'submission.a' }, { var: 'submission.b' }] }, { var: 'x' }] })).toEqual([
      'submission.a',
      'submission.b',
    ]);
    expect(paths(false)).toEqual([]);
  });
});
