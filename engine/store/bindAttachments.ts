import type { UploadRecord } from '../api.ts';
import { AttachmentError } from '../errors.ts';

/**
 * The records of the uploads an application write files, as they will be stored: each one's
 * `applicationId` set. Every store checks this before writing anything (an upload that is gone, or
 * already another application's, refuses the whole write); an upload already the application's own
 * (an event re-filing a file) is left as it is.
 *
 * @param stored the record now stored for an upload id, undefined if none
 */
export function bindAttachments(ids: readonly string[] | undefined, applicationId: string, stored: (id: string) => UploadRecord | undefined): UploadRecord[] {
  const bound: UploadRecord[] = [];
  for (const id of new Set(ids ?? [])) {
    const upload = stored(id);
    if (!upload) throw new AttachmentError(id, 'missing');
    if (upload.applicationId === applicationId) continue;
    if (upload.applicationId !== null) throw new AttachmentError(id, 'taken');
    bound.push({ ...upload, applicationId });
  }
  return bound;
}

/** Every upload id the drafts refer to. */
export function draftAttachments(drafts: Iterable<{ readonly attachments: readonly string[] }>): Set<string> {
  const ids = new Set<string>();
  for (const draft of drafts) for (const id of draft.attachments) ids.add(id);
  return ids;
}
