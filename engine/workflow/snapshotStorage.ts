import type { ProcedureMachine } from './buildMachine.ts';
import type { ProcedureSnapshot } from './step.ts';
import type { WorkflowContext } from './types.ts';

/**
 * The snapshot as an application record stores it: XState's persisted snapshot without its context,
 * because the record already holds the submission and the data (kept once, restored from there).
 */
export interface StoredSnapshot {
  readonly status: string;
  readonly value: string;
}

/** The stored form of a snapshot. */
export function storeSnapshot(snapshot: ProcedureSnapshot): StoredSnapshot {
  return { status: snapshot.status, value: String(snapshot.value) };
}

/** A snapshot of `machine` in the stored state, with the application's submission and data as context. */
export function restoreSnapshot(machine: ProcedureMachine, stored: unknown, context: WorkflowContext): ProcedureSnapshot {
  const value = (stored as Partial<StoredSnapshot> | null)?.value;
  if (typeof value !== 'string') throw new Error('stored snapshot has no state value');
  return machine.resolveState({ value, context });
}
