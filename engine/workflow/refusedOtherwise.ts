import type { ProcedureFile } from '../../config/types/generated.ts';
import { TransitionError } from '../errors.ts';
import { otherwiseReason } from './otherwiseReason.ts';

/**
 * Runs `advance`; when no guarded transition applies and the step declares the event under `otherwise`
 * (or, for a procedure-wide event the step does not handle itself, the procedure's root `otherwise`
 * does: otherwiseReason), the refusal carries the regulation's reason instead of the generic message.
 */
export function refusedOtherwise<T>(procedure: ProcedureFile, state: string, event: string, advance: () => T): T {
  try {
    return advance();
  } catch (error) {
    const reason = otherwiseReason(procedure, state, event);
    if (error instanceof TransitionError && reason) {
      throw new TransitionError(reason.clause ? `${reason.message} (п. ${reason.clause})` : reason.message);
    }
    throw error;
  }
}
