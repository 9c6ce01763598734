import type { Action } from '../../config/types/generated.ts';
import type { ClockAction } from '../timeline/clockChanges.ts';
import type { TimeFacts } from '../timeline/timeFacts.ts';

/**
 * An effect a transition asks for (procedure `actions` / state `entry`): renderDocument, issueLicence,
 * amendLicence, terminateLicence, recomputeFee. The machine only names them; the engine runs them after
 * the step (recomputeFee when it advances the record, the rest in runEffects).
 */
export type Effect = Action;

/** What the machine keeps in its context, so guards can read it: the application form and the officers' data so far. */
export interface WorkflowContext {
  readonly submission: Readonly<Record<string, unknown>>;
  /** Event name -> the payload it carried (latest), for events that have a payload form. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The applications the application form names, as at filing (ApplicationRecord.references). */
  readonly references?: Readonly<Record<string, unknown>>;
}

/** An event sent to a procedure machine: its name, the task form data it carries and, for guards, the time facts of the moment it is sent. */
export interface WorkflowEvent {
  readonly type: string;
  readonly payload?: unknown;
  readonly facts?: TimeFacts;
}

/** The result of one pure step: the next snapshot, its state id, the effects to run and the transition's own clock changes. */
export interface StepResult<TSnapshot> {
  readonly snapshot: TSnapshot;
  readonly state: string;
  readonly effects: readonly Effect[];
  readonly clocks: readonly ClockAction[];
}
