import type { FieldError, Store, UploadRecord } from '../api.ts';
import { AttachmentError, ValidationError } from '../errors.ts';
import { fieldOfPath, findAttachments, mapAttachments, type AttachmentRef } from '../forms/attachments.ts';

/** Who files the form's attachments, and where. */
export interface Filer {
  readonly userId: string;
  readonly region: string;
  readonly service: string;
  readonly form: string;
  /** The application an event's task form belongs to; null when filing the application itself. */
  readonly applicationId: string | null;
}

/**
 * Checks every upload a filed form refers to and gives the data back with each reference as recorded
 * (id, name, size, type, sha256: what the browser sent besides the id is not trusted), with the ids to
 * file. An upload must exist, be the filer's own, have been made for this region, service, form and
 * field, and not be filed with another application; otherwise a 422 on the field that names it.
 */
export async function fileAttachments(
  store: Pick<Store, 'getUpload'>,
  schema: unknown,
  data: unknown,
  filer: Filer,
): Promise<{ readonly data: Record<string, unknown>; readonly ids: readonly string[] }> {
  const found = findAttachments(schema, data);
  if (found.length === 0) return { data: data as Record<string, unknown>, ids: [] };
  const records = new Map<string, UploadRecord | undefined>();
  await Promise.all(found.flatMap((f) => f.refs).map(async (ref) => records.set(ref.id, await store.getUpload(ref.id))));
  const errors: FieldError[] = [];
  for (const { path, title, refs } of found) {
    for (const ref of refs) {
      const upload = records.get(ref.id);
      const usable =
        upload !== undefined &&
        upload.owner === filer.userId &&
        upload.region === filer.region &&
        upload.service === filer.service &&
        upload.form === filer.form &&
        fieldOfPath(upload.field) === fieldOfPath(path) &&
        (upload.applicationId === null || upload.applicationId === filer.applicationId);
      if (!usable) errors.push(missing(path, title, ref));
    }
  }
  if (errors.length > 0) throw new ValidationError(errors);
  const normalised = mapAttachments(schema, data, ({ refs }) => refs.map((ref) => recorded(records.get(ref.id)!)));
  return { data: normalised as Record<string, unknown>, ids: [...records.keys()] };
}

/** What a form keeps of an upload. */
export function recorded(upload: UploadRecord): AttachmentRef {
  return { id: upload.id, name: upload.name, size: upload.size, type: upload.type, sha256: upload.sha256 };
}

/** The field error for an upload a write found gone or taken (AttachmentError), or null if no field names it. */
export function attachmentFieldError(schema: unknown, data: unknown, error: AttachmentError): ValidationError | null {
  for (const { path, title, refs } of findAttachments(schema, data)) {
    const ref = refs.find((r) => r.id === error.uploadId);
    if (ref) return new ValidationError([missing(path, title, ref)]);
  }
  return null;
}

function missing(path: string, title: string, ref: AttachmentRef): FieldError {
  return { path, keyword: 'attachment', message: `«${title}»: файл «${ref.name}» не найден или уже не действителен — загрузите его снова` };
}
