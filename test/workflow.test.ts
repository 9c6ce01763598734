import { describe, expect, it } from 'vitest';
import type { ProcedureFile } from '../config/types/generated.ts';
import { TransitionError } from '../engine/errors.ts';
import { acceptedEvents } from '../engine/workflow/acceptedEvents.ts';
import { buildMachine } from '../engine/workflow/buildMachine.ts';
import { machineFor } from '../engine/workflow/machineFor.ts';
import { restoreSnapshot, storeSnapshot } from '../engine/workflow/snapshotStorage.ts';
import { initialStep, step } from '../engine/workflow/step.ts';
import { makeRegion } from './helpers/regionFactory.ts';

const procedure: ProcedureFile = {
  id: 'proc',
  title: 'Процедура',
  initial: 'registration',
  events: {
    REGISTER: { title: 'Зарегистрировать', roles: ['officer'] },
    DECIDE: { title: 'Решить', roles: ['officer'], payload: 'decision' },
    RETURN: { title: 'Вернуть', roles: ['officer'] },
    WITHDRAW: { title: 'Отозвать', roles: ['applicant'] },
  },
  on: { WITHDRAW: { target: 'withdrawn' } },
  states: {
    registration: {
      entry: [{ type: 'renderDocument', params: { template: 'receipt' } }],
      on: { REGISTER: { target: 'review' } },
    },
    review: {
      entry: [{ type: 'renderDocument', params: { template: 'reviewStarted' } }],
      on: {
        DECIDE: [
          { target: 'granted', guard: 'approve', actions: [{ type: 'issueLicence' }, { type: 'renderDocument', params: { template: 'grant' } }] },
          { target: 'refused', guard: 'bigEnoughToRefuse' },
        ],
        RETURN: { target: 'review' },
        // The state's own withdrawal wins over the root one.
        WITHDRAW: { target: 'withdrawnLate' },
      },
    },
    granted: { type: 'final', outcome: 'granted', on: { WITHDRAW: { target: 'withdrawn' } } },
    refused: { type: 'final', outcome: 'refused' },
    withdrawn: { type: 'final', outcome: 'withdrawn' },
    withdrawnLate: { type: 'final', outcome: 'withdrawn' },
  },
};

const region = makeRegion({
  procedures: { proc: procedure },
  rules: [
    { id: 'approve', when: { '==': [{ var: 'payload.decision' }, 'approve'] } },
    // Reads what earlier events recorded as well as the submission.
    { id: 'bigEnoughToRefuse', when: { and: [{ '==': [{ var: 'payload.decision' }, 'refuse'] }, { '>': [{ var: 'submission.size' }, 1] }] } },
  ],
});
const context = { submission: { size: 2 }, data: {} };

describe('buildMachine and step', () => {
  it('starts in the initial state with its entry effects', () => {
    const first = initialStep(buildMachine(region, 'proc'), context);
    expect(first.state).toBe('registration');
    expect(first.effects).toEqual([{ type: 'renderDocument', params: { template: 'receipt' } }]);
    expect(first.snapshot.context).toEqual(context);
  });

  it('takes the first transition whose guard holds and returns transition, then entry effects', () => {
    const machine = buildMachine(region, 'proc');
    const review = step(machine, initialStep(machine, context).snapshot, { type: 'REGISTER' });
    expect(review).toMatchObject({ state: 'review', effects: [{ type: 'renderDocument', params: { template: 'reviewStarted' } }] });
    const granted = step(machine, review.snapshot, { type: 'DECIDE', payload: { decision: 'approve' } });
    expect(granted.state).toBe('granted');
    expect(granted.effects).toEqual([
      { type: 'issueLicence', params: {} },
      { type: 'renderDocument', params: { template: 'grant' } },
    ]);
    expect(granted.snapshot.status).toBe('done');
    expect(step(machine, review.snapshot, { type: 'DECIDE', payload: { decision: 'refuse' } }).state).toBe('refused');
  });

  it('keeps the payload of an event with a payload form in context.data, not of one without', () => {
    const machine = buildMachine(region, 'proc');
    const review = step(machine, initialStep(machine, context).snapshot, { type: 'REGISTER', payload: { ignored: true } });
    expect(review.snapshot.context.data).toEqual({});
    const done = step(machine, review.snapshot, { type: 'DECIDE', payload: { decision: 'approve' } });
    expect(done.snapshot.context.data).toEqual({ DECIDE: { decision: 'approve' } });
  });

  it('refuses an event no transition of the state takes, with TransitionError', () => {
    const machine = buildMachine(region, 'proc');
    const start = initialStep(machine, context).snapshot;
    expect(() => step(machine, start, { type: 'DECIDE', payload: { decision: 'approve' } })).toThrow(TransitionError);
    const review = step(machine, start, { type: 'REGISTER' }).snapshot;
    // Both guards fail: nothing to refuse with a small submission.
    const small = machine.resolveState({ value: 'review', context: { submission: { size: 1 }, data: {} } });
    expect(() => step(machine, small, { type: 'DECIDE', payload: { decision: 'refuse' } })).toThrow(TransitionError);
    expect(() => step(machine, review, { type: 'NOPE' })).toThrow(TransitionError);
  });

  it('applies the root `on` in every non-final state, after the state’s own transitions, and never in a final one', () => {
    const machine = buildMachine(region, 'proc');
    const start = initialStep(machine, context).snapshot;
    expect(step(machine, start, { type: 'WITHDRAW' }).state).toBe('withdrawn');
    const review = step(machine, start, { type: 'REGISTER' }).snapshot;
    expect(step(machine, review, { type: 'WITHDRAW' }).state).toBe('withdrawnLate');
    const granted = step(machine, review, { type: 'DECIDE', payload: { decision: 'approve' } }).snapshot;
    expect(() => step(machine, granted, { type: 'WITHDRAW' })).toThrow(TransitionError);
    expect(acceptedEvents(procedure, 'registration')).toEqual(['REGISTER', 'WITHDRAW']);
    expect(acceptedEvents(procedure, 'review')).toEqual(['DECIDE', 'RETURN', 'WITHDRAW']);
    expect(acceptedEvents(procedure, 'granted')).toEqual([]);
    expect(acceptedEvents(procedure, 'unknown')).toEqual([]);
  });

  it('re-enters a state a transition targets again, running its entry effects', () => {
    const machine = buildMachine(region, 'proc');
    const review = machine.resolveState({ value: 'review', context });
    expect(step(machine, review, { type: 'RETURN' })).toMatchObject({
      state: 'review',
      effects: [{ type: 'renderDocument', params: { template: 'reviewStarted' } }],
    });
  });

  it('restores a stored snapshot with the record’s context and carries on from it', () => {
    const machine = buildMachine(region, 'proc');
    const review = step(machine, initialStep(machine, context).snapshot, { type: 'REGISTER' }).snapshot;
    const stored = JSON.parse(JSON.stringify(storeSnapshot(review)));
    expect(stored).toEqual({ status: 'active', value: 'review' });
    const restored = restoreSnapshot(machine, stored, { submission: { size: 1 }, data: { X: 1 } });
    expect(restored.context).toEqual({ submission: { size: 1 }, data: { X: 1 } });
    expect(step(machine, restored, { type: 'DECIDE', payload: { decision: 'approve' } }).snapshot.context.data).toEqual({
      X: 1,
      DECIDE: { decision: 'approve' },
    });
    expect(() => restoreSnapshot(machine, null, context)).toThrow(/state value/);
  });

  it('names a bad reference of the procedure', () => {
    const broken = (p: Partial<ProcedureFile>) => makeRegion({ procedures: { proc: { ...procedure, ...p } }, rules: [] });
    expect(() => buildMachine(broken({ initial: 'nowhere' }), 'proc')).toThrow(/initial state "nowhere"/);
    expect(() => buildMachine(broken({}), 'proc')).toThrow(/unknown rule "approve"/);
    expect(() => buildMachine(broken({ on: { WITHDRAW: { target: 'gone' } } }), 'proc')).toThrow(/unknown state "gone"/);
    expect(() => buildMachine(region, 'other')).toThrow(/no procedure "other"/);
  });

  it('builds a machine once per config version and procedure', () => {
    expect(machineFor(region, 'proc')).toBe(machineFor(region, 'proc'));
    const nextVersion = { ...region, version: 'next' };
    expect(machineFor(nextVersion, 'proc')).not.toBe(machineFor(region, 'proc'));
  });
});
