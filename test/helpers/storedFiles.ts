/**
 * Test data's file(...) placeholders (test/server/harness.ts) for tests that use the engine without HTTP:
 * as the references an upload leaves (enough for a validator), or stored as uploads of their filer in
 * the engine's store (what filing checks).
 */
import { randomUUID } from 'node:crypto';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Store } from '../../engine/api.ts';
import { withStoredUploads } from '../../tools/check/sampleUploads.ts';
import { isPending } from './pendingFiles.ts';


/** `data` with every pending file replaced by an upload reference `{ id, name }` (not stored anywhere). */
export function asReferences<T>(data: T): T {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map((item) => (isPending(item) ? { id: randomUUID(), name: item.$upload } : walk(item)));
    if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(data) as T;
}

/** `data` with every pending file stored as `owner`'s upload for its field of `target`'s form, referred to by id. */
export function storePending<T>(store: Store, config: RegionConfig, target: { readonly service: string; readonly form: string }, data: T, owner: string): Promise<T> {
  return withStoredUploads(store, config, target, asReferences(data), owner);
}
