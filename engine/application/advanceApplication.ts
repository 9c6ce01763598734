import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ApplicationRecord } from '../api.ts';
import { localDate } from '../calendar/localDate.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';
import { feeDue } from '../fees/feeDue.ts';
import { machineFor } from '../workflow/machineFor.ts';
import { restoreSnapshot, storeSnapshot } from '../workflow/snapshotStorage.ts';
import { step } from '../workflow/step.ts';
import type { Effect } from '../workflow/types.ts';
import { payloadHash } from './payloadHash.ts';
import { stepDueDate } from './stepDueDate.ts';

/**
 * The application after one event (version + 1), and the effects still to run. Pure: the caller has
 * checked roles and the payload. The new step starts today (in the region's timezone); a state with
 * a `milestone` records today under that name; the step's due date counts from its anchor; a final
 * state sets the outcome and clears the due date. The payload of an event with a payload form is
 * kept as data[EVENT], and the history gets who, when, from, to and the payload's hash. A `recomputeFee`
 * effect is applied here: the fee is chosen again with the data recorded so far (feeDue), on the
 * registration date as at filing, before the step's documents are rendered.
 *
 * @throws TransitionError when no transition takes the event (see step)
 */
export function advanceApplication(args: {
  readonly region: RegionConfig;
  readonly application: ApplicationRecord;
  readonly event: string;
  readonly payload: unknown;
  readonly actor: { readonly userId: string; readonly roles: readonly string[] };
  readonly now: Date;
  readonly calendar: WorkingCalendar;
}): { readonly application: ApplicationRecord; readonly effects: readonly Effect[] } {
  const { region, application: app, calendar } = args;
  const procedureId = region.services[app.service]!.procedure;
  const machine = machineFor(region, procedureId);
  const snapshot = restoreSnapshot(machine, app.snapshot, { submission: app.submission, data: app.data, ...(app.references && { references: app.references }) });
  const next = step(machine, snapshot, { type: args.event, payload: args.payload });
  const state = region.procedures[procedureId]!.states[next.state];
  const today = localDate(args.now, region.region.timezone);
  const milestones = state?.milestone ? { ...app.milestones, [state.milestone]: today } : app.milestones;
  const final = state?.type === 'final';
  const at = args.now.toISOString();
  const data = next.snapshot.context.data;
  const recompute = next.effects.some((e) => e.type === 'recomputeFee');
  return {
    effects: next.effects.filter((e) => e.type !== 'recomputeFee'),
    application: {
      ...app,
      fee: recompute ? feeDue(region, app.service, app.submission, app.registeredOn, data) : app.fee,
      state: next.state,
      final,
      outcome: final ? (state?.outcome ?? null) : null,
      stepStartedOn: today,
      stepDue: stepDueDate(region, state, { receipt: localDate(new Date(app.receivedAt), region.region.timezone), registration: app.registeredOn, stepStart: today, milestones }, calendar),
      milestones,
      data,
      snapshot: storeSnapshot(next.snapshot),
      version: app.version + 1,
      history: [
        ...app.history,
        { seq: app.history.length + 1, at, actor: args.actor, event: args.event, from: app.state, to: next.state, payloadHash: payloadHash(args.payload ?? null) },
      ],
      updatedAt: at,
    },
  };
}
