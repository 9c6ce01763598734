/**
 * Rules (rules.yaml) on hardened json-logic-js: evaluation, the operator allow-list, prototype guards and
 * the variables a rule reads.
 */
import { describe, expect, it } from 'vitest';
import { isReglamentError } from '../engine/errors.ts';
import { evaluateLogic } from '../engine/rules/evaluateLogic.ts';
import { evaluateRule } from '../engine/rules/evaluateRule.ts';
import { validateLogic } from '../engine/rules/validateLogic.ts';
import { makeRegion } from './helpers/regionFactory.ts';

const region = makeRegion({
  rules: [
    { id: 'isIp', when: { '==': [{ var: 'submission.applicant.kind' }, 'ip'] } },
    {
      id: 'hasMetalsLicence',
      when: { some: [{ var: 'submission.addresses' }, { in: ['metal', { var: 'activities' }] }] },
    },
    { id: 'approved', when: { '===': [{ var: 'payload.decision' }, 'grant'] } },
    { id: 'always', when: true },
    { id: 'bad', when: { log: 'x' } },
  ],
});

const throwsReglament = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(isReglamentError(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected a ReglamentError');
};

describe('evaluateRule', () => {
  it('reads submission, payload and application data', () => {
    expect(evaluateRule(region, 'isIp', { submission: { applicant: { kind: 'ip' } } })).toBe(true);
    expect(evaluateRule(region, 'isIp', { submission: { applicant: { kind: 'ul' } } })).toBe(false);
    expect(evaluateRule(region, 'isIp', {})).toBe(false);
    expect(evaluateRule(region, 'approved', { payload: { decision: 'grant' } })).toBe(true);
    expect(evaluateRule(region, 'always', {})).toBe(true);
  });

  it('evaluates scoped logic over list items', () => {
    const addresses = [{ activities: ['paper'] }, { activities: ['metal', 'paper'] }];
    expect(evaluateRule(region, 'hasMetalsLicence', { submission: { addresses } })).toBe(true);
    expect(evaluateRule(region, 'hasMetalsLicence', { submission: { addresses: addresses.slice(0, 1) } })).toBe(false);
    expect(evaluateRule(region, 'hasMetalsLicence', { submission: {} })).toBe(false);
  });

  it('names the rule when it is unknown or invalid', () => {
    expect(throwsReglament(() => evaluateRule(region, 'nope', {}))).toMatch(/unknown rule "nope"/);
    expect(throwsReglament(() => evaluateRule(region, 'toString', {}))).toMatch(/unknown rule "toString"/);
    expect(throwsReglament(() => evaluateRule(region, 'bad', {}))).toMatch(/rule "bad": invalid rule: \/: unknown operator "log"/);
  });
});

describe('evaluateLogic', () => {
  it('supports the allowed operators', () => {
    const data = { submission: { n: 7, s: 'Вологда', list: [1, 2, 3], empty: '' } };
    expect(evaluateLogic({ '+': [{ var: 'submission.n' }, 3] }, data)).toBe(10);
    expect(evaluateLogic({ '%': [{ var: 'submission.n' }, 4] }, data)).toBe(3);
    expect(evaluateLogic({ cat: ['г. ', { var: 'submission.s' }] }, data)).toBe('г. Вологда');
    expect(evaluateLogic({ substr: [{ var: 'submission.s' }, 0, 3] }, data)).toBe('Вол');
    expect(evaluateLogic({ max: [1, { var: 'submission.n' }] }, data)).toBe(7);
    expect(evaluateLogic({ all: [{ var: 'submission.list' }, { '>': [{ var: '' }, 0] }] }, data)).toBe(true);
    expect(evaluateLogic({ none: [{ var: 'submission.list' }, { '>': [{ var: '' }, 2] }] }, data)).toBe(false);
    expect(evaluateLogic({ missing: ['submission.n', 'submission.x', 'submission.empty'] }, data)).toEqual([
      'submission.x',
      'submission.empty',
    ]);
    expect(evaluateLogic({ if: [{ '<': [{ var: 'submission.n' }, 5] }, 'small', 'big'] }, data)).toBe('big');
    expect(evaluateLogic({ merge: [[1], { var: 'submission.list' }] }, data)).toEqual([1, 1, 2, 3]);
  });

  it('refuses operators outside the allow-list before running anything', () => {
    for (const logic of [
      { method: [{ var: 'submission' }, 'toString'] },
      { log: 1 },
      { map: [[1], { var: '' }] },
      { reduce: [[1], 0, 0] },
      { 'var.call': [] },
      { and: [true, { filter: [[1], true] }] },
    ]) {
      expect(throwsReglament(() => evaluateLogic(logic, {}))).toMatch(/unknown operator/);
    }
  });

  it('never reads through prototype keys, even with a computed path or a JSON-parsed __proto__', () => {
    const data = { submission: JSON.parse('{"__proto__": {"polluted": true}, "a": {"b": 1}}') };
    expect(evaluateLogic({ var: { cat: ['submission.', '__proto__', '.polluted'] } }, data)).toBeNull();
    expect(evaluateLogic({ var: { cat: ['submission.a.', 'constructor'] } }, data)).toBeNull();
    expect(evaluateLogic({ var: [{ cat: ['submission.a.constructor.', 'prototype'] }, 'fallback'] }, data)).toBe('fallback');
    expect(evaluateLogic({ var: { cat: ['submission.a.', 'toString'] } }, data)).toBeNull();
    expect(evaluateLogic({ var: 'submission.a.b' }, data)).toBe(1);
    expect(evaluateLogic({ missing: [{ cat: ['submission.', '__proto__'] }] }, data)).toEqual(['submission.__proto__']);
    expect(throwsReglament(() => evaluateLogic({ var: 'submission.__proto__.polluted' }, data))).toMatch(/prototype key/);
  });
});

describe('validateLogic', () => {
  it('lists every problem with its location', () => {
    expect(validateLogic({ and: [{ '==': [1, 1] }, { method: [] }, { '==': [1, 1], '!=': [1, 2] }] })).toEqual([
      '/and/1: unknown operator "method"',
      '/and/2: an operation is an object with exactly one key, found 2 (==, !=)',
    ]);
    expect(validateLogic({})).toEqual(['/: an operation is an object with exactly one key, found 0 ()']);
    expect(validateLogic({ or: [{ var: 'submission.a' }, { missing_some: [1, ['submission.b']] }] })).toEqual([]);
    expect(validateLogic(true)).toEqual([]);
  });
});
