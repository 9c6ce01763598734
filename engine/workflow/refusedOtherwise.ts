import type { ProcedureFile } from '../../config/types/generated.ts';
import { TransitionError } from '../errors.ts';

/**
 * Runs `advance`; when no guarded transition applies and the step declares the event under `otherwise`
 * (or, for a procedure-wide event the step does not handle itself, the procedure's root `otherwise`
 * does), the refusal carries the regulation's reason instead of the generic message.
 */
export function refusedOtherwise<T>(procedure: ProcedureFile, state: string, event: string, advance: () => T): T {
  try {
    return advance();
  } catch (error) {
    const own = procedure.states[state]?.otherwise;
    const root = procedure.on && Object.hasOwn(procedure.on, event) ? procedure.otherwise : undefined;
    const otherwise = own && Object.hasOwn(own, event) ? own : root;
    if (error instanceof TransitionError && otherwise && Object.hasOwn(otherwise, event)) {
      const { message, clause } = otherwise[event]!;
      throw new TransitionError(clause ? `${message} (п. ${clause})` : message);
    }
    throw error;
  }
}
