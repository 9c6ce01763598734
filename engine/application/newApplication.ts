import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ApplicationRecord } from '../api.ts';
import { registrationDate, registrationOptionsOf } from '../calendar/registrationDate.ts';
import { localDate } from '../calendar/localDate.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';
import { feeDue } from '../fees/feeDue.ts';
import { clockChanges } from '../timeline/clockChanges.ts';
import { phaseChanges } from '../timeline/phaseChanges.ts';
import { timelineDues } from '../timeline/timelineDues.ts';
import { machineFor } from '../workflow/machineFor.ts';
import { storeSnapshot } from '../workflow/snapshotStorage.ts';
import { initialStep } from '../workflow/step.ts';
import type { Effect } from '../workflow/types.ts';
import { payloadHash } from './payloadHash.ts';
import { serviceTotal } from './serviceTotal.ts';

/** The name the history gives the filing of an application. */
export const SUBMIT_EVENT = 'SUBMIT';

/**
 * A new application record (version 1) for a checked submission, and the entry effects of its first
 * step, still to run. Pure: time, id and calendar come in as arguments. Its `number` is left empty:
 * the store gives it one as it writes the record (Store.createApplication).
 *
 * The application is registered on the working day registrationDate gives; that day is its
 * `registration` milestone, the start of its first step (and the date of that step's own milestone, if
 * any), and of every phase that opens with that step. The service total counts from receipt or
 * registration (or a date of the form), the first step's limit from its anchor.
 */
export function newApplication(args: {
  readonly region: RegionConfig;
  readonly serviceId: string;
  readonly submission: Readonly<Record<string, unknown>>;
  readonly applicant: { readonly userId: string; readonly roles: readonly string[] };
  readonly id: string;
  readonly receivedAt: Date;
  readonly now: Date;
  readonly calendar: WorkingCalendar;
  /** The applications the form names, as at filing (see ApplicationRecord.references). */
  readonly references?: Readonly<Record<string, unknown>>;
}): { readonly application: ApplicationRecord; readonly effects: readonly Effect[] } {
  const { region, serviceId, submission, calendar } = args;
  const service = region.services[serviceId]!;
  const procedure = region.procedures[service.procedure]!;
  const tz = region.region.timezone;
  const registeredOn = registrationDate(args.receivedAt, registrationOptionsOf(region.region, calendar));
  const receivedOn = localDate(args.receivedAt, tz);
  const first = initialStep(machineFor(region, service.procedure), { submission, data: {}, ...(args.references && { references: args.references }) });
  const state = procedure.states[first.state];
  const milestones = { registration: registeredOn, ...(state?.milestone ? { [state.milestone]: registeredOn } : {}) };
  const final = state?.type === 'final';
  const total = serviceTotal(region, serviceId, submission);
  const clocks = clockChanges({ region, procedure, from: null, to: first.state, today: registeredOn, actions: first.clocks, suspensions: [], calendar });
  const opened = phaseChanges(procedure, {}, null, first.state, registeredOn);
  const dues = timelineDues(
    region,
    procedure,
    { receivedOn, registeredOn, state: first.state, stepStartedOn: registeredOn, milestones, submission, data: {}, phases: opened, suspensions: clocks.suspensions, total },
    calendar,
    registeredOn,
  );
  const at = args.now.toISOString();
  return {
    effects: first.effects,
    application: {
      id: args.id,
      number: '',
      region: region.id,
      service: serviceId,
      configVersion: region.version,
      applicantId: args.applicant.userId,
      receivedAt: args.receivedAt.toISOString(),
      registeredOn,
      submission,
      fee: feeDue(region, serviceId, submission, registeredOn),
      state: first.state,
      final,
      outcome: final ? (state?.outcome ?? null) : null,
      stepStartedOn: registeredOn,
      stepDue: dues.stepDue,
      serviceDue: dues.serviceDue,
      serviceDeadline: total?.id ?? null,
      phases: dues.phases,
      suspensions: clocks.suspensions,
      milestones,
      data: {},
      snapshot: storeSnapshot(first.snapshot),
      version: 1,
      history: [
        {
          seq: 1,
          at,
          actor: args.applicant,
          event: SUBMIT_EVENT,
          from: null,
          to: first.state,
          payloadHash: payloadHash(submission),
          ...(clocks.stopped.length ? { clocks: { stopped: clocks.stopped } } : {}),
        },
      ],
      documents: [],
      ...(args.references && { references: args.references }),
      licence: null,
      updatedAt: at,
    },
  };
}
