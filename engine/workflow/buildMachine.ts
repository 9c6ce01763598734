import { assign, setup } from 'xstate';
import type { ProcedureFile, Transition } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { evaluateRule } from '../rules/evaluateRule.ts';
import { guardData } from './guardData.ts';
import type { Effect, WorkflowContext, WorkflowEvent } from './types.ts';

/** The effect names a procedure may use; each is implemented by the engine, outside XState. */
export const EFFECT_TYPES: ReadonlySet<string> = new Set(['renderDocument', 'issueLicence', 'amendLicence', 'terminateLicence', 'recomputeFee']);

/** Effects do nothing inside XState: `step` returns them and the engine runs them after the step. */
const noop = () => undefined;

/**
 * Turns a procedure (procedures/<id>.yaml) into an XState v5 machine.
 *
 * - Each state of the file is a top-level state; `type: final` states end the machine.
 * - The procedure's root `on` (e.g. withdrawal) is copied into every non-final state after the
 *   state's own transitions, so a state's own handling of an event wins and final states accept nothing.
 * - A transition's `guard` is a rule name (rules.yaml), evaluated by evaluateRule on
 *   `{ submission, payload: event.payload, application: { data, references, ...dates }, time }` (the dates
 *   and time come with the event, see engine/timeline/timeFacts.ts; references are the applications the
 *   form names, as at filing); the first transition whose guard holds is taken. Every transition re-enters
 *   its target, so a step back into the same state restarts it.
 * - Actions and `entry` effects are named actions with params; their implementations do nothing, and
 *   `step` returns them as effects for the engine to run; a transition's `suspend`/`resume` become the
 *   actions suspendClocks/resumeClocks, which `step` returns as clock changes.
 * - The payload of an event that has a payload form is kept in `context.data[EVENT]`.
 *
 * @throws Error naming the procedure and the bad reference when a target, guard or the initial state is unknown
 */
export function buildMachine(region: RegionConfig, procedureId: string) {
  const procedure = Object.hasOwn(region.procedures, procedureId) ? region.procedures[procedureId] : undefined;
  if (!procedure) throw new Error(`region ${region.id} has no procedure "${procedureId}"`);
  checkReferences(region, procedure);

  const guards = Object.fromEntries(
    Object.keys(region.rules).map((ruleId) => [
      ruleId,
      ({ context, event }: { context: WorkflowContext; event: WorkflowEvent }) =>
        evaluateRule(region, ruleId, guardData({ submission: context.submission, data: context.data, payload: event.payload, facts: event.facts, references: context.references })),
    ]),
  );

  const states = Object.fromEntries(
    Object.entries(procedure.states).map(([id, state]) => {
      const entry = (state?.entry ?? []).map(effectAction);
      if (state?.type === 'final') return [id, { type: 'final' as const, entry }];
      const on: Record<string, ReturnType<typeof transitionConfig>[]> = {};
      for (const [event, transitions] of [...Object.entries(state?.on ?? {}), ...Object.entries(procedure.on ?? {})]) {
        if (!transitions) continue;
        (on[event] ??= []).push(...(Array.isArray(transitions) ? transitions : [transitions]).map((t) => transitionConfig(event, t)));
      }
      return [id, { entry, on }];
    }),
  );

  return setup({
    types: {} as { context: WorkflowContext; events: WorkflowEvent; input: WorkflowContext },
    guards,
    actions: {
      renderDocument: noop,
      issueLicence: noop,
      amendLicence: noop,
      terminateLicence: noop,
      recomputeFee: noop,
      suspendClocks: noop,
      resumeClocks: noop,
      recordPayload: assign(({ context, event }) =>
        procedure.events[event.type]?.payload ? { data: { ...context.data, [event.type]: event.payload } } : {},
      ),
    },
  }).createMachine({
    id: `${region.id}.${procedure.id}`,
    initial: procedure.initial,
    context: ({ input }) => input,
    states: states as never,
  });
}

/** The machine type buildMachine returns. */
export type ProcedureMachine = ReturnType<typeof buildMachine>;

function transitionConfig(event: string, transition: Transition) {
  const clocks = [
    ...(transition.resume ? [{ type: 'resumeClocks', params: { deadlines: transition.resume } }] : []),
    ...(transition.suspend ? [{ type: 'suspendClocks', params: { ...transition.suspend, event } }] : []),
  ];
  return {
    target: transition.target,
    reenter: true,
    ...(transition.guard !== undefined ? { guard: transition.guard } : {}),
    actions: ['recordPayload', ...(transition.actions ?? []).map(effectAction), ...clocks],
  };
}

function effectAction(effect: Effect): { type: string; params: NonNullable<Effect['params']> } {
  return { type: effect.type, params: effect.params ?? {} };
}

function checkReferences(region: RegionConfig, procedure: ProcedureFile): void {
  const where = `procedure ${procedure.id} of region ${region.id}`;
  const hasState = (id: string) => Object.hasOwn(procedure.states, id);
  if (!hasState(procedure.initial)) throw new Error(`${where}: initial state "${procedure.initial}" does not exist`);
  const all = [
    ...Object.entries(procedure.on ?? {}),
    ...Object.values(procedure.states).flatMap((s) => Object.entries(s?.on ?? {})),
  ];
  for (const [event, transitions] of all) {
    if (!Object.hasOwn(procedure.events, event)) throw new Error(`${where}: event "${event}" is not declared in events`);
    for (const t of transitions ? (Array.isArray(transitions) ? transitions : [transitions]) : []) {
      if (!hasState(t.target)) throw new Error(`${where}: ${event} goes to unknown state "${t.target}"`);
      if (t.guard !== undefined && !Object.hasOwn(region.rules, t.guard)) throw new Error(`${where}: ${event} names unknown rule "${t.guard}"`);
    }
  }
}
