import type { ProcedureFile } from '../../config/types/generated.ts';

/**
 * The events a state accepts, in file order: its own `on`, then the procedure's root `on` unless the
 * state is final (final states accept nothing). Guards are not looked at.
 */
export function acceptedEvents(procedure: ProcedureFile, stateId: string): string[] {
  const state = Object.hasOwn(procedure.states, stateId) ? procedure.states[stateId] : undefined;
  if (!state || state.type === 'final') return [];
  return [...new Set([...Object.keys(state.on ?? {}), ...Object.keys(procedure.on ?? {})])];
}
