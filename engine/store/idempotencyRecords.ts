/**
 * The rules every store applies to idempotency keys, in one place: a key is still kept while its
 * `expiresAt` is after the moment asked about (a new claim's `createdAt`, or a read's `now`); a write
 * that claims a key still kept is refused with the record that holds it; a claim needs its response.
 */
import type { IdempotencyClaim, IdempotencyRecord, StoredResponse } from '../api.ts';
import { IdempotencyConflictError } from '../errors.ts';

/** Whether `record` is still kept at `at` (an ISO instant). */
export function stillKept(record: Pick<IdempotencyClaim, 'expiresAt'>, at: string): boolean {
  return Date.parse(record.expiresAt) > Date.parse(at);
}

/** Throws IdempotencyConflictError when `claim` names a key `existing` still holds. */
export function checkClaim(claim: IdempotencyClaim | undefined, existing: IdempotencyRecord | undefined): void {
  if (claim && existing && stillKept(existing, claim.createdAt)) throw new IdempotencyConflictError(existing);
}

/** The record a create keeps: its claim with the response its builder gave. */
export function recordOf(claim: IdempotencyClaim | undefined, response: StoredResponse | undefined): IdempotencyRecord | undefined {
  if (!claim) return undefined;
  if (!response) throw new RangeError(`a filing that claims idempotency key ${JSON.stringify(claim.key)} must build its response`);
  return { ...claim, response };
}

/** The map key of an owner's key. */
export const idempotencyKeyOf = (owner: string, key: string): string => `${owner}\u0000${key}`;
