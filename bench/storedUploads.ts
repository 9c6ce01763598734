/**
 * For engine benchmarks: every file(...) placeholder of test data (test/server/harness.ts) stored as an
 * upload of `owner` directly in the store, as the upload route would after receiving it, and the data
 * returned referring to the uploads. An upload is filed with one application only, so each filing needs
 * its own.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Store } from '../engine/api.ts';
import { replacePending, type PendingFile } from '../test/helpers/pendingFiles.ts';


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
  return replacePending(data, store1);
}
