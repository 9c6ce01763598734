/**
 * Test data names the files a filing attaches as placeholders, `file(name, body)` (test/server/harness.ts):
 * `[{ $upload: name, body }]`. Before the data is filed each list of them is replaced by the references an
 * upload leaves, `{ id, name }`; how a file is uploaded (over HTTP, straight into a store) is the caller's.
 */
export interface PendingFile {
  readonly $upload: string;
  readonly body: Buffer;
}

export const isPending = (v: unknown): v is PendingFile => typeof v === 'object' && v !== null && '$upload' in v;

/** `data` with each list of pending files replaced by what `upload` gives for each, by the field's dotted path. */
export async function replacePending<T>(data: T, upload: (field: string, file: PendingFile) => Promise<{ id: string; name: string }>): Promise<T> {
  const walk = async (value: unknown, path: string): Promise<unknown> => {
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every(isPending)) return Promise.all(value.map((f) => upload(path, f)));
      return Promise.all(value.map((item, i) => walk(item, `${path}.${i}`)));
    }
    if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = await walk(item, path === '' ? key : `${path}.${key}`);
      return out;
    }
    return value;
  };
  return (await walk(data, '')) as T;
}
