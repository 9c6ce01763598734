/**
 * For engine benchmarks: every file(...) placeholder of test data (test/server/harness.ts) stored as an
 * upload of `owner` directly in the store, as the upload route would after receiving it, and the data
 * returned referring to the uploads. An upload is filed with one application only, so each filing needs
 * its own.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Store } from '../engine/api.ts';

interface PendingFile {
  readonly $upload: string;
  readonly body: Buffer;
}
const isPending = (v: unknown): v is PendingFile => typeof v === 'object' && v !== null && '$upload' in v;

export async function storedUploads<T>(store: Pick<Store, 'beginUpload'>, target: { owner: string; region: string; service: string; form: string }, data: T): Promise<T> {
  const store1 = async (field: string, file: PendingFile) => {
    const id = randomUUID();
    const writer = await store.beginUpload(id);
    await new Promise<void>((resolve, reject) => writer.out.end(file.body, (error?: Error | null) => (error ? reject(error) : resolve())));
    await writer.commit({
      id,
      ...target,
      field,
      name: file.$upload,
      type: 'application/pdf',
      size: file.body.length,
      sha256: createHash('sha256').update(file.body).digest('hex'),
      createdAt: new Date().toISOString(),
      applicationId: null,
    });
    return { id, name: file.$upload };
  };
  const walk = async (value: unknown, path: string): Promise<unknown> => {
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every(isPending)) return Promise.all(value.map((f) => store1(path, f)));
      return Promise.all(value.map((item, i) => walk(item, `${path}.${i}`)));
    }
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = await walk(item, path === '' ? key : `${path}.${key}`);
      return out;
    }
    return value;
  };
  return (await walk(data, '')) as T;
}
