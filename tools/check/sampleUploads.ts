/**
 * Attachments for sample data filed straight through the engine (no HTTP: path tests, `reglament
 * test`): for every file reference in the data (sampleAttachment's placeholders), a small PDF is put
 * into the store as an upload of `owner` for that field, and the data is given back referring to the
 * new uploads, as the browser's file widget does after uploading.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Store } from '../../engine/api.ts';
import { findAttachments, mapAttachments, type AttachmentRef } from '../../engine/forms/attachments.ts';
import { compileForm } from '../../engine/forms/compileForm.ts';

/** A small valid PDF (file-type sniffs it as application/pdf). */
export const SAMPLE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export async function withStoredUploads<T>(
  store: Store,
  config: RegionConfig,
  target: { readonly service: string; readonly form: string },
  data: T,
  owner: string,
): Promise<T> {
  const schema = compileForm(config, target.form).schema;
  const made: AttachmentRef[] = [];
  for (const { path, refs } of findAttachments(schema, data)) {
    for (const ref of refs) {
      const id = randomUUID();
      const writer = await store.beginUpload(id);
      await new Promise<void>((resolve, reject) => writer.out.end(SAMPLE_PDF, () => resolve()).once('error', reject));
      const record = {
        id,
        owner,
        region: config.id,
        service: target.service,
        form: target.form,
        field: path,
        name: ref.name,
        type: 'application/pdf',
        size: SAMPLE_PDF.length,
        sha256: createHash('sha256').update(SAMPLE_PDF).digest('hex'),
        createdAt: new Date(0).toISOString(),
        applicationId: null,
      };
      await writer.commit(record);
      made.push({ id, name: ref.name });
    }
  }
  let next = 0;
  return mapAttachments(schema, data, ({ refs }) => refs.map(() => made[next++]!)) as T;
}
