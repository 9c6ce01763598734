import { initialTransition, transition } from 'xstate';
import { TransitionError } from '../errors.ts';
import { EFFECT_TYPES, type ProcedureMachine } from './buildMachine.ts';
import type { ClockAction } from '../timeline/clockChanges.ts';
import type { Effect, StepResult, WorkflowContext, WorkflowEvent } from './types.ts';

/** A snapshot of a procedure machine. */
export type ProcedureSnapshot = ReturnType<ProcedureMachine['resolveState']>;

/**
 * The first step of an application: the machine's initial state with the given context, and the
 * `entry` effects of that state. Pure: nothing is executed.
 */
export function initialStep(machine: ProcedureMachine, context: WorkflowContext): StepResult<ProcedureSnapshot> {
  const [snapshot, actions] = initialTransition(machine, context);
  return { snapshot, state: stateOf(snapshot), effects: effectsOf(actions), clocks: clocksOf(actions) };
}

/**
 * One pure step: the snapshot after `event`, its state, the effects the transition and the entered
 * state ask for (transition actions first, then entry) and the transition's `suspend`/`resume` of
 * clocks. Runs no effect.
 *
 * @throws TransitionError when no transition of the current state accepts the event (unknown there,
 *         or no guard holds)
 */
export function step(machine: ProcedureMachine, snapshot: ProcedureSnapshot, event: WorkflowEvent): StepResult<ProcedureSnapshot> {
  if (!snapshot.can(event)) {
    throw new TransitionError(`Действие ${event.type} невозможно на шаге «${stateOf(snapshot)}»: не выполнено ни одно из условий перехода`);
  }
  const [next, actions] = transition(machine, snapshot, event);
  return { snapshot: next, state: stateOf(next), effects: effectsOf(actions), clocks: clocksOf(actions) };
}

/** The id of the (top-level) state a snapshot is in. */
export function stateOf(snapshot: ProcedureSnapshot): string {
  return String(snapshot.value);
}

function effectsOf(actions: readonly { type: string; params?: unknown }[]): Effect[] {
  return actions
    .filter((action) => EFFECT_TYPES.has(action.type))
    .map((action) => ({ type: action.type, params: action.params ?? {} }) as Effect);
}

function clocksOf(actions: readonly { type: string; params?: unknown }[]): ClockAction[] {
  return actions.filter((a) => a.type === 'suspendClocks' || a.type === 'resumeClocks').map((a) => ({ type: a.type, params: a.params }) as ClockAction);
}
