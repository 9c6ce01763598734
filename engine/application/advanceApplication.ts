import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ApplicationRecord, HistoryEntry } from '../api.ts';
import { localDate } from '../calendar/localDate.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';
import { feeDue } from '../fees/feeDue.ts';
import { clockChanges } from '../timeline/clockChanges.ts';
import { phaseChanges } from '../timeline/phaseChanges.ts';
import { timeFacts } from '../timeline/timeFacts.ts';
import { timelineDues } from '../timeline/timelineDues.ts';
import { machineFor } from '../workflow/machineFor.ts';
import { restoreSnapshot, storeSnapshot } from '../workflow/snapshotStorage.ts';
import { step } from '../workflow/step.ts';
import type { Effect } from '../workflow/types.ts';
import { payloadHash } from './payloadHash.ts';
import { serviceTotal } from './serviceTotal.ts';

/**
 * The application after one event (version + 1), and the effects still to run. Pure: the caller has
 * checked roles and the payload. Guards read the event's moment and the application's dates
 * (timeFacts). The new step starts today (in the region's timezone); a state with a `milestone` records
 * today under that name; phases open and close (phaseChanges), clocks stop and run again
 * (clockChanges, recorded in the history); then every due date is counted again from its anchor and
 * moved by the time its clock stood (timelineDues). A final state sets the outcome and clears the
 * step's due date. The payload of an event with a payload form is kept as data[EVENT]. A `recomputeFee`
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
  const procedure = region.procedures[procedureId]!;
  const machine = machineFor(region, procedureId);
  const snapshot = restoreSnapshot(machine, app.snapshot, { submission: app.submission, data: app.data, ...(app.references && { references: app.references }) });
  const next = step(machine, snapshot, { type: args.event, payload: args.payload, facts: timeFacts(region, app, calendar, args.now) });
  const state = procedure.states[next.state];
  const tz = region.region.timezone;
  const today = localDate(args.now, tz);
  const milestones = state?.milestone ? { ...app.milestones, [state.milestone]: today } : app.milestones;
  const final = state?.type === 'final';
  const total =
    app.serviceDeadline === undefined ? serviceTotal(region, app.service, app.submission) : app.serviceDeadline === null ? null : (region.deadlines[app.serviceDeadline] ?? null);
  const clocks = clockChanges({ region, procedure, from: app.state, to: next.state, today, actions: next.clocks, suspensions: app.suspensions ?? [], calendar });
  const phases = phaseChanges(procedure, app.phases ?? {}, app.state, next.state, today);
  const data = next.snapshot.context.data;
  const dues = timelineDues(
    region,
    procedure,
    { receivedOn: localDate(new Date(app.receivedAt), tz), registeredOn: app.registeredOn, state: next.state, stepStartedOn: today, milestones, submission: app.submission, data, phases, suspensions: clocks.suspensions, total },
    calendar,
    today,
  );
  const at = args.now.toISOString();
  const recompute = next.effects.some((e) => e.type === 'recomputeFee');
  const changed = clocks.stopped.length > 0 || clocks.restarted.length > 0;
  const entry: HistoryEntry = {
    seq: app.history.length + 1,
    at,
    actor: args.actor,
    event: args.event,
    from: app.state,
    to: next.state,
    payloadHash: payloadHash(args.payload ?? null),
    ...(changed ? { clocks: { ...(clocks.stopped.length ? { stopped: clocks.stopped } : {}), ...(clocks.restarted.length ? { restarted: clocks.restarted } : {}) } } : {}),
  };
  return {
    effects: next.effects.filter((e) => e.type !== 'recomputeFee'),
    application: {
      ...app,
      fee: recompute ? feeDue(region, app.service, app.submission, app.registeredOn, data) : app.fee,
      state: next.state,
      final,
      outcome: final ? (state?.outcome ?? null) : null,
      stepStartedOn: today,
      stepDue: dues.stepDue,
      serviceDue: dues.serviceDue,
      serviceDeadline: total?.id ?? null,
      phases: dues.phases,
      suspensions: clocks.suspensions,
      milestones,
      data,
      snapshot: storeSnapshot(next.snapshot),
      version: app.version + 1,
      history: [...app.history, entry],
      updatedAt: at,
    },
  };
}
