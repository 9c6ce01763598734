/**
 * The read audit's one entry point for routes: call it with what a response is about to disclose (an
 * application, a document, an attachment), before sending it. It records who (user and roles), what,
 * how (the route's operation) and when, in the store's append-only audit, and resolves once that is
 * stored; if recording fails, the request fails and nothing is disclosed. Any route that shows an
 * application, a document or an attachment (inbox, lists, streams, exports) must call it.
 */
import type { Request } from 'express';
import type { ReadRecord } from '../../engine/api.ts';
import type { User } from '../auth/users.ts';
import type { AppDeps } from '../context.ts';

/** What a response discloses. */
export interface ReadTarget {
  readonly kind: ReadRecord['kind'];
  readonly id: string;
  /** The region it belongs to. */
  readonly region: string;
  /** The application it belongs to (for an application, its own id); null for an attachment not yet filed. */
  readonly applicationId: string | null;
}

export async function recordReads(deps: AppDeps, req: Request, user: User, action: string, targets: readonly ReadTarget[]): Promise<void> {
  if (targets.length === 0) return;
  const at = deps.clock.now().toISOString();
  const requestId = String(req.id ?? '');
  await deps.engine.recordReads(targets.map((t) => ({ at, region: t.region, userId: user.login, roles: [...user.roles], kind: t.kind, id: t.id, applicationId: t.applicationId, action, requestId })));
}

/** An application as a read target. */
export const applicationRead = (application: { readonly id: string; readonly region: string }): ReadTarget => ({
  kind: 'application',
  id: application.id,
  region: application.region,
  applicationId: application.id,
});
