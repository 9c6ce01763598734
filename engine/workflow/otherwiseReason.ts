import type { ProcedureFile } from '../../config/types/generated.ts';

/**
 * The regulation's reason for refusing `event` at `state` when none of its guarded transitions applies:
 * the step's own `otherwise`, or, for a procedure-wide event (root `on`) the step does not explain
 * itself, the procedure's root `otherwise`. Undefined when the procedure gives none. One lookup for the
 * refusal of a sent event (refusedOtherwise) and for the application view, which shows the reason
 * instead of offering the action (eventOffers).
 */
export function otherwiseReason(procedure: ProcedureFile, state: string, event: string): { readonly message: string; readonly clause?: string } | undefined {
  const own = Object.hasOwn(procedure.states, state) ? procedure.states[state]?.otherwise : undefined;
  const root = procedure.on && Object.hasOwn(procedure.on, event) ? procedure.otherwise : undefined;
  const otherwise = own && Object.hasOwn(own, event) ? own : root;
  return otherwise && Object.hasOwn(otherwise, event) ? otherwise[event] : undefined;
}
