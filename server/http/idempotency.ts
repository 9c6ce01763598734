/**
 * Idempotency keys on filing and on steps (`Idempotency-Key` header). A client that lost the response
 * to a write sends it again with the same key and gets the first response (with `Idempotent-Replayed:
 * true`) without a second write; the same key with another request (another address or body) is a
 * 422. The key is kept with the write it answered, in the store, for IDEMPOTENCY_KEY_HOURS (24 by
 * default), so this holds across restarts and across server processes on one database.
 *
 * Repeats within this process wait for each other (one lock per user and key), so ten identical
 * parallel filings make one application and ten identical answers; across processes the store
 * refuses the second write of a key (IdempotencyConflictError) and its first response is sent.
 * A request without the header costs nothing here.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ApplicationView, IdempotencyClaim, IdempotencyRecord, StoredResponse, WriteOptions } from '../../engine/api.ts';
import { canonicalJson } from '../../engine/application/canonicalJson.ts';
import { IdempotencyConflictError, ReglamentError } from '../../engine/errors.ts';
import { KeyedLock } from '../../engine/store/KeyedLock.ts';
import type { AppDeps } from '../context.ts';
import { HttpError } from './HttpError.ts';

/** How long a key is kept unless IDEMPOTENCY_KEY_HOURS says otherwise. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
const HEADER = 'Idempotency-Key';
/** Visible ASCII, 1 to 255 characters: a UUID, a ULID, any token a client makes. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The write's claim on the key the request carries, or null when it carries none. */
export function claimOf(deps: AppDeps, req: Request, owner: string, body: unknown): IdempotencyClaim | null {
  const key = req.get(HEADER);
  if (key === undefined) return null;
  if (!KEY.test(key)) {
    const message = `Заголовок ${HEADER} должен содержать от 1 до 255 видимых символов ASCII (например, UUID)`;
    throw new HttpError(400, message, { errors: [{ path: HEADER, message, keyword: 'idempotency' }] });
  }
  const now = deps.clock.now();
  const fingerprint = createHash('sha256')
    .update(canonicalJson({ method: req.method, path: req.originalUrl.split('?')[0], body: body ?? null }))
    .digest('hex');
  return { owner, key, fingerprint, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + deps.idempotencyTtlMs).toISOString() };
}

/** Write options that keep `claim` with the write and `respond`'s answer with it. */
export const keyedWrite = (claim: IdempotencyClaim | null, respond: (view: ApplicationView) => StoredResponse): WriteOptions =>
  claim ? { idempotency: { ...claim, respond } } : {};

/** Sends a response as it is (or will be) kept for the key. */
export function sendStored(res: Response, response: StoredResponse): void {
  res.status(response.status);
  if (response.location !== undefined) res.setHeader('Location', response.location);
  res.type('application/json').send(response.body);
}

const locks = new KeyedLock();

/**
 * Runs the write `run` for a request that carries `claim`: a key already kept answers with its first
 * response instead (422 if it was for another request); a write refused because another process kept
 * the key meanwhile does the same.
 */
export async function withIdempotency(deps: AppDeps, res: Response, claim: IdempotencyClaim | null, run: () => Promise<void>): Promise<void> {
  if (!claim) return run();
  await locks.run([`${claim.owner}\u0000${claim.key}`], async () => {
    const kept = await deps.engine.idempotency(claim.owner, claim.key);
    if (kept) return replay(res, kept, claim);
    try {
      await run();
    } catch (error) {
      // Refused by the store (another process kept the key first), or by a check that the first
      // request's write made fail (a stale version): the first response, if there is one, is the answer.
      const first = error instanceof IdempotencyConflictError ? error.record : error instanceof ReglamentError ? await deps.engine.idempotency(claim.owner, claim.key) : undefined;
      if (!first) throw error;
      replay(res, first, claim);
    }
  });
}

function replay(res: Response, kept: IdempotencyRecord, claim: IdempotencyClaim): void {
  if (kept.fingerprint !== claim.fingerprint) {
    const message = `Ключ ${HEADER} уже использован для другого запроса (другой адрес или данные); для нового запроса нужен новый ключ`;
    throw new HttpError(422, message, { errors: [{ path: HEADER, message, keyword: 'idempotency' }] });
  }
  res.setHeader('Idempotent-Replayed', 'true');
  sendStored(res, kept.response);
}
