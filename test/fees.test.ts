/**
 * Fees: choosing the fee by rule, the dated amount in force on the registration date, exemptions.
 */
import { describe, expect, it } from 'vitest';
import { isReglamentError, NotFoundError } from '../engine/errors.ts';
import { feeDue } from '../engine/fees/feeDue.ts';
import { makeRegion, makeService } from './helpers/regionFactory.ts';

const region = makeRegion({
  rules: [
    { id: 'isReissue', when: { '==': [{ var: 'submission.kind' }, 'reissue'] } },
    { id: 'isDisabledVeteran', when: { '==': [{ var: 'submission.applicant.veteran' }, true] } },
  ],
  fees: [
    {
      id: 'grant',
      title: 'Государственная пошлина за предоставление лицензии',
      // Listed out of order on purpose: the latest `from` not after the date applies.
      values: [
        { from: '2025-01-01', amount: 7500, clause: '2.10.1' },
        { from: '2024-05-24', amount: 6000, clause: '2.10' },
      ],
    },
    {
      id: 'reissue',
      title: 'Государственная пошлина за переоформление лицензии',
      values: [
        { from: '2024-05-24', amount: 3500, clause: '2.10.1' },
        { from: '2026-01-01', amount: null, clause: '2.10.1' },
      ],
    },
  ],
  exemptions: [{ id: 'veterans', title: 'Ветераны', clause: '2.10.3', when: 'isDisabledVeteran' }],
  services: [
    makeService({
      id: 'licence',
      fee: [{ use: 'reissue', when: 'isReissue' }, { use: 'grant' }],
      exemptions: ['veterans'],
    }),
    makeService({ id: 'free' }),
    makeService({ id: 'picky', fee: [{ use: 'reissue', when: 'isReissue' }] }),
    makeService({ id: 'broken', fee: [{ use: 'nosuch' }] }),
  ],
});

const reglamentMessage = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(isReglamentError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected a ReglamentError');
};

describe('feeDue', () => {
  it('takes the default choice and the amount in force on the date', () => {
    expect(feeDue(region, 'licence', { kind: 'new' }, '2025-03-03')).toEqual({
      feeId: 'grant',
      title: 'Государственная пошлина за предоставление лицензии',
      amount: 7500,
      clause: '2.10.1',
      exemption: null,
    });
    expect(feeDue(region, 'licence', { kind: 'new' }, '2024-12-31').amount).toBe(6000);
    // The new amount applies from its own date on.
    expect(feeDue(region, 'licence', { kind: 'new' }, '2025-01-01').amount).toBe(7500);
  });

  it('takes the first choice whose rule holds', () => {
    const due = feeDue(region, 'licence', { kind: 'reissue' }, '2025-03-03');
    expect([due.feeId, due.amount]).toEqual(['reissue', 3500]);
  });

  it('applies an exemption as amount 0, keeping the fee it waives', () => {
    expect(feeDue(region, 'licence', { kind: 'new', applicant: { veteran: true } }, '2025-03-03')).toEqual({
      feeId: 'grant',
      title: 'Государственная пошлина за предоставление лицензии',
      amount: 0,
      clause: '2.10.1',
      exemption: { id: 'veterans', title: 'Ветераны', clause: '2.10.3' },
    });
  });

  it('is free for a service without fee choices', () => {
    expect(feeDue(region, 'free', {}, '2025-03-03')).toEqual({
      feeId: null,
      title: null,
      amount: 0,
      clause: null,
      exemption: null,
    });
  });

  it('treats an ended fee or a date before the first value as a config error', () => {
    expect(reglamentMessage(() => feeDue(region, 'licence', { kind: 'reissue' }, '2026-01-01'))).toBe(
      'fee reissue has no amount in force on 2026-01-01',
    );
    expect(reglamentMessage(() => feeDue(region, 'licence', {}, '2024-05-23'))).toBe(
      'fee grant has no amount in force on 2024-05-23',
    );
  });

  it('reports config mistakes and unknown services', () => {
    expect(reglamentMessage(() => feeDue(region, 'picky', { kind: 'new' }, '2025-03-03'))).toMatch(/no fee choice/);
    expect(reglamentMessage(() => feeDue(region, 'broken', {}, '2025-03-03'))).toMatch(/unknown fee "nosuch"/);
    expect(() => feeDue(region, 'nosuch', {}, '2025-03-03')).toThrow(NotFoundError);
    expect(() => feeDue(region, 'constructor', {}, '2025-03-03')).toThrow(NotFoundError);
  });
});
