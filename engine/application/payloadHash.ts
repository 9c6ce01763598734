import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.ts';

/** sha256 (hex) of the canonical JSON of an event payload, recorded in the history instead of the data itself. */
export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload), 'utf8').digest('hex');
}
