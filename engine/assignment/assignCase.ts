import { ASSIGNMENT_EVENTS, type ApplicationRecord, type Assignee } from '../api.ts';
import { payloadHash } from '../application/payloadHash.ts';

export type AssignmentAction = 'take' | 'release' | 'assign';

/**
 * The record after a change of who holds the case: the next version, with the change written into
 * the history (event "@take", "@release" or "@assign", the step unchanged, `assignee` after it).
 */
export function assignCase(
  app: ApplicationRecord,
  action: AssignmentAction,
  assignee: Assignee | null,
  actor: { readonly userId: string; readonly roles: readonly string[] },
  now: Date,
): ApplicationRecord {
  const at = now.toISOString();
  return {
    ...app,
    assignee,
    version: app.version + 1,
    updatedAt: at,
    history: [
      ...app.history,
      {
        seq: app.history.length + 1,
        at,
        actor: { userId: actor.userId, roles: [...actor.roles] },
        event: ASSIGNMENT_EVENTS[action],
        from: app.state,
        to: app.state,
        payloadHash: payloadHash({ assignee }),
        assignee,
      },
    ],
  };
}
