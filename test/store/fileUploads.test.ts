import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UploadRecord } from '../../engine/api.ts';
import { FileUploads } from '../../engine/store/FileUploads.ts';
import { RecordFiles } from '../../engine/store/RecordFiles.ts';
import { StoreLayout } from '../../engine/store/StoreLayout.ts';

/** The embedded store's uploads kept in memory while pending: what a lookup returns once one is filed. */
describe('FileUploads', () => {
  let dir: string;
  let layout: StoreLayout;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reglament-uploads-'));
    layout = new StoreLayout(dir);
    await mkdir(layout.uploads(), { recursive: true });
    await mkdir(layout.attachments(), { recursive: true });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function committed(uploads: FileUploads): Promise<UploadRecord> {
    const id = randomUUID();
    const record: UploadRecord = {
      id,
      owner: 'applicant@test',
      region: 'sample',
      service: 'permit',
      form: 'permit-application',
      field: 'scan',
      name: 'scan.pdf',
      type: 'application/pdf',
      size: 3,
      sha256: 'abc',
      createdAt: new Date().toISOString(),
      applicationId: null,
    };
    const writer = await uploads.begin(id);
    await new Promise<void>((resolve, reject) => writer.out.end(Buffer.from('pdf'), (error?: Error | null) => (error ? reject(error) : resolve())));
    await writer.commit(record);
    return record;
  }

  /** What the store does when it files an upload: stages the filed record, then forgets the pending one. */
  function file(files: RecordFiles, uploads: FileUploads, record: UploadRecord, applicationId: string): void {
    files.stage(layout.attachment(record.id, 'json'), JSON.stringify({ ...record, applicationId }));
    uploads.forget(record.id);
  }

  it('answers a pending upload from memory, and the filed record once it is filed', async () => {
    const files = new RecordFiles(dir);
    const uploads = new FileUploads(layout, files);
    const record = await committed(uploads);
    // The record file is gone, yet the lookup still answers: it no longer reads the disk.
    await rm(layout.upload(record.id, 'json'));
    expect(await uploads.get(record.id)).toEqual(record);
    file(files, uploads, record, 'app-1');
    expect((await uploads.get(record.id))?.applicationId).toBe('app-1');
  });

  it('does not keep a pending record read from disk by a lookup the filing overtook', async () => {
    const files = new RecordFiles(dir);
    const record = await committed(new FileUploads(layout, files));
    // Another instance (a restart): the record is known only on disk.
    const uploads = new FileUploads(layout, files);
    const reading = uploads.get(record.id);
    file(files, uploads, record, 'app-2');
    // The overtaken lookup may answer what it read, but must not leave it behind for the next one.
    await reading;
    expect((await uploads.get(record.id))?.applicationId).toBe('app-2');
  });

  it('caches a pending record read from disk, and forgets it when the upload is removed', async () => {
    const files = new RecordFiles(dir);
    const record = await committed(new FileUploads(layout, files));
    const uploads = new FileUploads(layout, files);
    expect(await uploads.get(record.id)).toEqual(record);
    await uploads.remove(record.id);
    expect(await uploads.get(record.id)).toBeUndefined();
  });
});
