import { mkdtempSync } from 'node:fs';
import { appendFile, cp, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ApplicationRecord, LicenceRecord, NewApplication, StoredDocument, UploadRecord } from '../../engine/api.ts';
import { lowdbStore } from '../../engine/store/lowdbStore.ts';
import { walLine } from '../../engine/store/walLines.ts';
import { applicationRecord, documentRecord, licenceRecord, numbered, storeContract } from './storeContract.ts';
import { contentOf, deliveryRecord, notificationRecord, uploadRecord } from './records.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
/** An upload stored as the upload route stores it: its content, then its record. */
async function storeUpload(store: ReturnType<typeof lowdbStore>, id: string, content: string, record: Partial<UploadRecord> = {}): Promise<void> {
  const writer = await store.beginUpload(id);
  writer.out.end(Buffer.from(content));
  await finished(writer.out);
  await writer.commit(uploadRecord({ id, size: Buffer.byteLength(content), ...record }));
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'reglament-store-'));
  dirs.push(dir);
  return dir;
}

storeContract('lowdbStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reglament-store-'));
  dirs.push(dir);
  return { persistent: true, open: () => lowdbStore({ dir }) };
});

const NONE = { documents: [], licences: [] };
const settle = () => new Promise((resolve) => setTimeout(resolve, 2));
const WAL = '000000000001.jsonl';

/** A log line as the store writes it for a create or update. */
function writeLine(application: ApplicationRecord, documents: StoredDocument[] = [], licences: LicenceRecord[] = []): string {
  return walLine(JSON.stringify({ application, documents, licences }));
}

/** Writes log lines into a fresh store folder, as a crash would leave them (nothing else written yet). */
async function crashedStore(...lines: string[]): Promise<string> {
  const dir = await tempDir();
  await mkdir(join(dir, 'wal'));
  await writeFile(join(dir, 'wal', WAL), lines.join(''));
  return dir;
}

/**
 * Every file under `dir` with its content; index logs as the entries they hold (a replay may append a
 * line again, which changes nothing: the highest version of an id wins).
 */
async function contents(dir: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const text = await readFile(path, 'utf8');
    out[path.slice(dir.length)] = path.endsWith('.jsonl') ? new Set(text.trim().split('\n')) : text;
  }
  return out;
}

describe('lowdbStore files', () => {
  it('keeps one file per application, licence and document, an index, and no log after close', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir });
    await store.init();
    await store.createApplication(numbered(applicationRecord(), { documents: [documentRecord()], licences: [licenceRecord({ number: '35/2025.01' })] }));
    await store.updateApplication(applicationRecord({ version: 2 }), 1, NONE);
    await store.close();
    expect(await readdir(join(dir, 'applications'))).toEqual(['app-1.json']);
    expect(JSON.parse(await readFile(join(dir, 'applications', 'app-1.json'), 'utf8'))).toEqual(applicationRecord({ version: 2 }));
    expect(await readdir(join(dir, 'documents'))).toEqual(['doc-1.json']);
    expect(await readdir(join(dir, 'licences', 'r1'))).toEqual(['35%2F2025%2E01.json']);
    expect(await readdir(join(dir, 'wal'))).toEqual([]);
    const index = (await readFile(join(dir, 'index', 'applications.jsonl'), 'utf8')).trim().split('\n');
    expect(index.map((line) => JSON.parse(line).version)).toEqual([2]);
    const reopened = lowdbStore({ dir });
    await reopened.init();
    expect((await reopened.listApplications({ region: 'r1', limit: 10, offset: 0 })).items).toEqual([applicationRecord({ version: 2 })]);
    await reopened.close();
  });

  it('replays the log at start: records, index, licences, documents and sequence numbers', async () => {
    const dir = await crashedStore(
      writeLine(applicationRecord(), [], [licenceRecord()]),
      writeLine(applicationRecord({ version: 2, state: 'signing' }), [documentRecord()], [licenceRecord({ version: 2, status: 'terminated' })]),
      walLine(JSON.stringify({ sequence: { region: 'r1', seq: 7 } })),
    );
    const store = lowdbStore({ dir });
    await store.init();
    expect(await store.getApplication('app-1')).toEqual(applicationRecord({ version: 2, state: 'signing' }));
    expect((await store.listApplications({ region: 'r1', state: 'signing', limit: 10, offset: 0 })).total).toBe(1);
    expect(await store.getLicence('r1', licenceRecord().number)).toEqual(licenceRecord({ version: 2, status: 'terminated' }));
    expect(await store.getDocument('doc-1')).toEqual(documentRecord());
    expect(await store.nextLicenceSeq('r1')).toBe(8);
    // The replayed log was checkpointed and deleted; new writes go to the next log file.
    expect(await readdir(join(dir, 'wal'))).toEqual(['000000000002.jsonl']);
    await store.close();
  });

  it('ignores a torn last log line, and starts cleanly again after it', async () => {
    const torn = writeLine(applicationRecord({ version: 2, state: 'torn' }));
    const dir = await crashedStore(writeLine(applicationRecord()), torn.slice(0, torn.length - 20));
    let store = lowdbStore({ dir });
    await store.init();
    expect(await store.getApplication('app-1')).toEqual(applicationRecord());
    await store.updateApplication(applicationRecord({ version: 2, state: 'next' }), 1, NONE);
    await store.close();
    store = lowdbStore({ dir });
    await store.init();
    expect((await store.getApplication('app-1'))?.state).toBe('next');
    await store.close();
  });

  it('ignores a complete last line whose checksum fails (a torn sector)', async () => {
    const line = writeLine(applicationRecord({ version: 2, state: 'damaged' }));
    const dir = await crashedStore(writeLine(applicationRecord()), line.replace('damaged', 'dAmaged'));
    const store = lowdbStore({ dir });
    await store.init();
    expect((await store.getApplication('app-1'))?.version).toBe(1);
    await store.close();
  });

  it('refuses to start when a damaged line is followed by valid ones, naming the file and byte offset', async () => {
    const first = writeLine(applicationRecord());
    const second = writeLine(applicationRecord({ version: 2, state: 'signing' }));
    const dir = await crashedStore(first, second.replace('signing', 'signinG'), writeLine(applicationRecord({ id: 'app-2' })));
    const store = lowdbStore({ dir });
    const path = join(dir, 'wal', WAL);
    await expect(store.init()).rejects.toMatchObject({ name: 'CorruptWalError', path, offset: Buffer.byteLength(first) });
    await expect(store.init()).rejects.toThrow(`${path} is damaged at byte ${Buffer.byteLength(first)}`);
    // Nothing was applied or deleted: the operator decides.
    expect(await readdir(join(dir, 'applications'))).toEqual([]);
    expect(await readdir(join(dir, 'wal'))).toEqual([WAL]);
  });

  it('replays idempotently: replaying the same log twice leaves the same files', async () => {
    const lines = [
      writeLine(applicationRecord(), [documentRecord()], [licenceRecord()]),
      writeLine(applicationRecord({ id: 'app-2', region: 'r2' })),
      writeLine(applicationRecord({ version: 2, state: 'signing' }), [], [licenceRecord({ version: 2 })]),
      walLine(JSON.stringify({ sequence: { region: 'r1', seq: 3 } })),
    ];
    const dir = await crashedStore(...lines);
    let store = lowdbStore({ dir });
    await store.init();
    await store.close();
    const once = await contents(dir);
    // As after a crash between the checkpoint's index append and the log's deletion.
    await writeFile(join(dir, 'wal', WAL), lines.join(''));
    store = lowdbStore({ dir });
    await store.init();
    await store.close();
    expect(await contents(dir)).toEqual(once);
    expect(Object.keys(once).sort()).toEqual(
      ['/applications/app-1.json', '/applications/app-2.json', '/documents/doc-1.json', '/index/applications.jsonl', '/index/licences.jsonl', '/licences/r1/L-2025-0001.json', '/sequences/r1.json'].sort(),
    );
  });

  it('never rolls a record back when replaying an older log line', async () => {
    const dir = await tempDir();
    let store = lowdbStore({ dir });
    await store.init();
    await store.createApplication(numbered(applicationRecord(), { documents: [], licences: [licenceRecord()] }));
    await store.updateApplication(applicationRecord({ version: 2, state: 'newer' }), 1, { documents: [], licences: [licenceRecord({ version: 2, status: 'terminated' })] });
    await store.close();
    await writeFile(join(dir, 'wal', WAL), writeLine(applicationRecord(), [], [licenceRecord()]));
    store = lowdbStore({ dir });
    await store.init();
    expect(await store.getApplication('app-1')).toMatchObject({ version: 2, state: 'newer' });
    expect(await store.getLicence('r1', licenceRecord().number)).toMatchObject({ version: 2, status: 'terminated' });
    await store.close();
  });

  it('rewrites a record file a crash left torn from the log', async () => {
    const dir = await crashedStore(writeLine(applicationRecord({ state: 'whole' })));
    await mkdir(join(dir, 'applications'));
    await writeFile(join(dir, 'applications', 'app-1.json'), '{"id":"app-1","vers');
    const store = lowdbStore({ dir });
    await store.init();
    expect((await store.getApplication('app-1'))?.state).toBe('whole');
    await store.close();
  });

  it('writes no record file on the request path: a write lives in the log and in memory until its checkpoint', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir });
    await store.init();
    await store.createApplication(numbered(applicationRecord(), { documents: [documentRecord()], licences: [licenceRecord()] }));
    await expect(readdir(join(dir, 'applications'))).resolves.toEqual([]);
    expect(await store.getApplication('app-1')).toEqual(applicationRecord());
    expect(await store.getDocument('doc-1')).toEqual(documentRecord());
    await store.close(); // the last checkpoint writes the files
    expect(JSON.parse(await readFile(join(dir, 'applications', 'app-1.json'), 'utf8'))).toEqual(applicationRecord());
    expect(await readdir(join(dir, 'wal'))).toEqual([]);
  });

  it('refuses to start when replay cannot repair a record file, naming the file', async () => {
    const dir = await crashedStore(writeLine(applicationRecord({ state: 'logged' })));
    // Something that is not a file stands where the record must go: the rewrite fails.
    await mkdir(join(dir, 'applications', 'app-1.json'), { recursive: true });
    const store = lowdbStore({ dir });
    await expect(store.init()).rejects.toThrow(`replaying the write-ahead log could not repair ${join(dir, 'applications', 'app-1.json')}`);
  });

  it('never serves a record file that does not parse: the read fails naming the file', async () => {
    const dir = await tempDir();
    let store = lowdbStore({ dir });
    await store.init();
    await store.createApplication(numbered(applicationRecord(), NONE));
    await store.close();
    const path = join(dir, 'applications', 'app-1.json');
    await writeFile(path, '{"id":"app-1","ver');
    store = lowdbStore({ dir });
    await store.init();
    await expect(store.getApplication('app-1')).rejects.toThrow(`record file ${path} does not parse`);
    await store.close();
  });

  it('keeps every file and directory private to the server user, whatever the umask', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'licences', 'r0'), { recursive: true, mode: 0o755 }); // made by an earlier version
    const umask = process.umask(0);
    try {
      const store = lowdbStore({ dir, checkpointBytes: 2048 });
      await store.init();
      for (let i = 0; i < 10; i++) {
        await store.createApplication(numbered(applicationRecord({ id: `a${i}` }), { documents: [documentRecord({ id: `d${i}` })], licences: [licenceRecord({ number: `L-${i}` })] }));
      }
      await store.nextLicenceSeq('r1');
      await store.saveConfigVersion('r1', 'v1', { 'region.yaml': 'id: r1' });
      await store.close();
    } finally {
      process.umask(umask);
    }
    const modes = new Set<string>();
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      const mode = ((await stat(join(entry.parentPath, entry.name))).mode & 0o777).toString(8);
      modes.add(`${entry.isDirectory() ? 'dir' : 'file'} ${mode}`);
    }
    expect([...modes].sort()).toEqual(['dir 700', 'file 600']);
  });

  it('recovers after a crash that follows a checkpoint', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir, checkpointBytes: 4096 });
    await store.init();
    for (let i = 1; i <= 20; i++) await store.createApplication(numbered(applicationRecord({ id: `a${i}` }), { documents: [documentRecord({ id: `d${i}` })], licences: [] }));
    for (let i = 1; i <= 20; i += 2) await store.updateApplication(applicationRecord({ id: `a${i}`, version: 2, state: 'later' }), 1, NONE);
    while (store.walStats.checkpoints < 2 || store.walStats.checkpointing) await settle();
    await store.updateApplication(applicationRecord({ id: 'a2', version: 2, state: 'last' }), 1, NONE);
    while (store.walStats.checkpointing) await settle();
    // A copy taken now is what a kill -9 would leave: the page cache is the disk as far as the next process can tell.
    const crashed = await tempDir();
    await cp(dir, crashed, { recursive: true });
    await store.close();
    const logs = await readdir(join(crashed, 'wal'));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.every((name) => name !== WAL)).toBe(true); // the first log files were checkpointed away
    const recovered = lowdbStore({ dir: crashed });
    await recovered.init();
    for (let i = 1; i <= 20; i++) {
      const state = i === 2 ? 'last' : i % 2 === 1 ? 'later' : 'review';
      expect(await recovered.getApplication(`a${i}`)).toMatchObject({ id: `a${i}`, state });
      expect(await recovered.getDocument(`d${i}`)).toBeDefined();
    }
    expect((await recovered.listApplications({ region: 'r1', limit: 100, offset: 0 })).total).toBe(20);
    await recovered.close();
  });

  it('continues application numbers from the log after a crash before any checkpoint', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir });
    await store.init();
    const counted = (id: string): NewApplication => ({
      id,
      notifies: [],
      counter: { region: 'r1', year: 2025 },
      licences: [],
      build: (seq) => ({ application: applicationRecord({ id, number: `2025/${seq}` }), documents: [] }),
    });
    await store.createApplication(counted('a'));
    await store.createApplication(counted('b'));
    // What a kill -9 leaves: the numbers are only in the log.
    const crashed = await tempDir();
    await cp(dir, crashed, { recursive: true });
    await store.close();
    expect(await readdir(join(crashed, 'counters'))).toEqual([]);
    const recovered = lowdbStore({ dir: crashed });
    await recovered.init();
    expect((await recovered.createApplication(counted('c'))).number).toBe('2025/3');
    await recovered.close();
  });

  it('keeps an upload filed just before a crash: the log files it, and the start moves it out of uploads/', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir });
    await store.init();
    const id = '00000000-0000-4000-8000-0000000000aa';
    await storeUpload(store, id, '%PDF-1.4 scan', { createdAt: '2020-01-01T00:00:00.000Z' });
    await store.createApplication({ ...numbered(applicationRecord()), attachments: [id] });
    // What a kill -9 leaves: the filing is only in the log, the upload's record still in uploads/.
    const crashed = await tempDir();
    await cp(dir, crashed, { recursive: true });
    await store.close();
    expect(await readdir(join(crashed, 'uploads'))).toEqual([`${id}.json`]);
    expect(await readdir(join(crashed, 'attachments'))).toEqual([`${id}.bin`]);
    const recovered = lowdbStore({ dir: crashed });
    await recovered.init();
    expect(await readdir(join(crashed, 'uploads'))).toEqual([]);
    expect((await readdir(join(crashed, 'attachments'))).sort()).toEqual([`${id}.bin`, `${id}.json`]);
    expect((await recovered.getUpload(id))?.applicationId).toBe('app-1');
    expect(await recovered.sweep({ uploadsBefore: new Date('2030-01-01T00:00:00Z'), draftsBefore: new Date(0) })).toEqual({ uploads: 0, drafts: 0 });
    expect((await contentOf(await recovered.openUpload(id)))?.toString()).toBe('%PDF-1.4 scan');
    await recovered.close();
  });

  it('recovers an upload whose pending record a crash left half rewritten by the checkpoint that files it', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir });
    await store.init();
    const id = '00000000-0000-4000-8000-0000000000ae';
    await storeUpload(store, id, '%PDF-1.4 torn');
    await store.createApplication({ ...numbered(applicationRecord()), attachments: [id] });
    const crashed = await tempDir();
    await cp(dir, crashed, { recursive: true });
    await store.close();
    // The checkpoint overwrites the pending record in place before moving it: a kill -9 midway leaves it torn.
    const pending = join(crashed, 'uploads', `${id}.json`);
    await writeFile(pending, (await readFile(pending, 'utf8')).slice(0, 40));
    const recovered = lowdbStore({ dir: crashed });
    await recovered.init();
    expect((await recovered.getUpload(id))?.applicationId).toBe('app-1');
    expect(await readdir(join(crashed, 'uploads'))).toEqual([]);
    expect((await readdir(join(crashed, 'attachments'))).sort()).toEqual([`${id}.bin`, `${id}.json`]);
    await recovered.close();
  });

  it('files an upload an older store kept in uploads/, moving its content to attachments/', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir });
    await store.init();
    const id = '00000000-0000-4000-8000-0000000000ac';
    await storeUpload(store, id, '%PDF-1.4 old');
    await store.close();
    // Where stores before this layout kept a pending upload's content.
    await rename(join(dir, 'attachments', `${id}.bin`), join(dir, 'uploads', `${id}.bin`));
    const reopened = lowdbStore({ dir });
    await reopened.init();
    await reopened.createApplication({ ...numbered(applicationRecord()), attachments: [id] });
    await reopened.close();
    expect(await readdir(join(dir, 'uploads'))).toEqual([]);
    expect((await readdir(join(dir, 'attachments'))).sort()).toEqual([`${id}.bin`, `${id}.json`]);
    const again = lowdbStore({ dir });
    await again.init();
    expect((await contentOf(await again.openUpload(id)))?.toString()).toBe('%PDF-1.4 old');
    await again.close();
  });

  it('sweeps an upload whose content a crash kept in its partial file after its record was written', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir });
    await store.init();
    const id = '00000000-0000-4000-8000-0000000000ad';
    await storeUpload(store, id, '%PDF-1.4 cut', { createdAt: '2020-01-01T00:00:00.000Z' });
    await store.close();
    // The commit writes the record first: a crash before the content's rename leaves record and .part.
    await rename(join(dir, 'attachments', `${id}.bin`), join(dir, 'uploads', `${id}.bin.part`));
    const reopened = lowdbStore({ dir });
    await reopened.init();
    expect(await reopened.sweep({ uploadsBefore: new Date('2030-01-01T00:00:00Z'), draftsBefore: new Date(0) })).toEqual({ uploads: 1, drafts: 0 });
    expect(await readdir(join(dir, 'uploads'))).toEqual([]);
    expect(await readdir(join(dir, 'attachments'))).toEqual([]);
    await reopened.close();
  });

  it('sweeps what a crash left of an upload in progress once it is old', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir });
    await store.init();
    const id = '00000000-0000-4000-8000-0000000000bb';
    const writer = await store.beginUpload(id);
    await new Promise((resolve) => writer.out.write(Buffer.from('half a file'), resolve));
    expect(await readdir(join(dir, 'uploads'))).toEqual([`${id}.bin.part`]);
    expect(await store.sweep({ uploadsBefore: new Date(Date.now() - 60_000), draftsBefore: new Date(0) })).toEqual({ uploads: 0, drafts: 0 });
    expect(await readdir(join(dir, 'uploads'))).toEqual([`${id}.bin.part`]);
    await store.sweep({ uploadsBefore: new Date(Date.now() + 60_000), draftsBefore: new Date(0) });
    expect(await readdir(join(dir, 'uploads'))).toEqual([]);
    await writer.abort();
    await store.close();
  });

  it('keeps the outbox through a crash: a delivery made is not due again, one still pending is, the notifications are there', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir });
    await store.init();
    await store.createApplication(numbered(applicationRecord(), { documents: [], licences: [], notifications: [notificationRecord()], deliveries: [deliveryRecord({ id: 'sent' }), deliveryRecord({ id: 'waiting' })] }));
    await store.updateDelivery(deliveryRecord({ id: 'sent', status: 'sent', attempts: 1, finishedAt: '2025-01-20T10:00:01.000Z' }));
    await store.markNotificationsRead('user-1', 'all');
    // What a kill -9 leaves: all of it only in the log.
    const crashed = await tempDir();
    await cp(dir, crashed, { recursive: true });
    await store.close();
    const recovered = lowdbStore({ dir: crashed });
    await recovered.init();
    expect((await recovered.claimDeliveries('email', new Date('2025-01-21T00:00:00Z'), 10, 1000)).map((d) => d.id)).toEqual(['waiting']);
    expect((await recovered.getDelivery('app-1', 'sent'))?.status).toBe('sent');
    expect(await readdir(join(crashed, 'outbox'))).toEqual(['waiting.json']);
    expect(await recovered.listNotifications('user-1', 10)).toMatchObject({ unread: 0, items: [{ id: 'n-1', read: true }] });
    await recovered.close();
    // And once more: the replayed state was checkpointed, nothing comes back.
    const again = lowdbStore({ dir: crashed });
    await again.init();
    expect((await again.claimDeliveries('email', new Date('2025-01-21T00:00:00Z'), 10, 1000)).map((d) => d.id)).toEqual(['waiting']);
    await again.close();
  });

  for (const syncEachFile of [false, true]) {
    it(`checkpoints when the log passes its threshold, keeping the log small (${syncEachFile ? 'fsync per file' : 'syncfs where available'})`, async () => {
      const dir = await tempDir();
      const store = lowdbStore({ dir, checkpointBytes: 8192, syncEachFile });
      await store.init();
      for (let i = 0; i < 100; i++) {
        await store.createApplication(numbered(applicationRecord({ id: `a${i}` }), { documents: [documentRecord({ id: `d${i}` })], licences: [licenceRecord({ number: `L-${i}`, region: `r${i % 3}` })] }));
        // However slow the machine, each checkpoint finishes before the next write: the count depends on the bytes only.
        while (store.walStats.checkpointing) await settle();
      }
      expect(store.walStats.checkpoints).toBeGreaterThan(1);
      expect((await readdir(join(dir, 'wal'))).length).toBeLessThanOrEqual(2);
      await store.close();
      const index = (await readFile(join(dir, 'index', 'applications.jsonl'), 'utf8')).trim().split('\n');
      expect(new Set(index.map((line) => JSON.parse(line).id)).size).toBe(100);
      const reopened = lowdbStore({ dir, syncEachFile });
      await reopened.init();
      expect((await reopened.searchLicences({ region: 'r1', limit: 100, offset: 0 })).total).toBe(33);
      expect(await reopened.getDocument('d99')).toEqual(documentRecord({ id: 'd99' }));
      await reopened.close();
    });
  }

  it('commits concurrent writes as a group: fewer log syncs than writes', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir });
    await store.init();
    const before = store.walStats.syncs;
    const writes = 50;
    await Promise.all(Array.from({ length: writes }, (_, i) => store.createApplication(numbered(applicationRecord({ id: `a${i}` }), NONE))));
    const syncs = store.walStats.syncs - before;
    expect(syncs).toBeGreaterThan(0);
    expect(syncs).toBeLessThan(writes / 5);
    expect((await store.listApplications({ region: 'r1', limit: 100, offset: 0 })).total).toBe(writes);
    await store.close();
  });

  it('reads a record whole while checkpoints rewrite its file', async () => {
    const dir = await tempDir();
    // A checkpoint after every write, so the record file is rewritten while the readers run.
    const store = lowdbStore({ dir, checkpointFiles: 1 });
    await store.init();
    // Records of shrinking size, so a read overlapping a rewrite would see a mix or a stale tail;
    // over 512 KiB, so a read takes several system calls with the event loop running between them.
    const big = (version: number) => applicationRecord({ version, submission: { text: String(version % 10).repeat(1_100_000 - version * 20_000) } });
    await store.createApplication(numbered(big(1), NONE));
    let writing = true;
    const read: number[] = [];
    const reader = async () => {
      while (writing) {
        const app = await store.getApplication('app-1');
        expect(app).toEqual(big(app!.version));
        read.push(app!.version);
        // A read served from memory resolves at once: yield as a server between requests does.
        await new Promise(setImmediate);
      }
    };
    const readers = Array.from({ length: 4 }, reader);
    for (let version = 2; version <= 15; version++) {
      await store.updateApplication(big(version), version - 1, NONE);
      // A write that lands while a checkpoint runs leaves its file to the next one: let this write's
      // checkpoint finish (the readers run meanwhile), so the next write starts a checkpoint of its own.
      while (store.walStats.checkpointing) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    writing = false;
    await Promise.all(readers);
    expect(new Set(read).size).toBeGreaterThan(5);
    expect(store.walStats.checkpoints).toBeGreaterThanOrEqual(14);
    await store.close();
  });

  it('keeps the index whole after a torn index tail', async () => {
    const dir = await tempDir();
    let store = lowdbStore({ dir });
    await store.init();
    await store.createApplication(numbered(applicationRecord(), NONE));
    await store.close();
    await appendFile(join(dir, 'index', 'applications.jsonl'), '{"id":"torn","reg');
    store = lowdbStore({ dir });
    await store.init();
    await store.createApplication(numbered(applicationRecord({ id: 'app-2' }), NONE));
    await store.close();
    store = lowdbStore({ dir });
    await store.init();
    expect((await store.listApplications({ region: 'r1', limit: 10, offset: 0 })).items.map((a) => a.id)).toEqual(['app-1', 'app-2']);
    await store.close();
  });

  it('imports applications in bulk, indexed and kept across re-open, then takes writes on them', async () => {
    const dir = await tempDir();
    let store = lowdbStore({ dir });
    await store.init();
    const progress: number[] = [];
    const apps = Array.from({ length: 2500 }, (_, i) => applicationRecord({ id: `bulk-${i}`, region: i % 2 === 0 ? 'r1' : 'r2' }));
    await store.bulkImport(apps, (done) => progress.push(done));
    expect(progress).toEqual([1000, 2000, 2500]);
    expect(await store.getApplication('bulk-7')).toEqual(apps[7]);
    await store.close();
    store = lowdbStore({ dir });
    await store.init();
    expect((await store.listApplications({ region: 'r2', limit: 1, offset: 0 })).total).toBe(1250);
    await store.updateApplication(applicationRecord({ id: 'bulk-7', region: 'r2', version: 2, state: 'signing' }), 1, NONE);
    expect((await store.getApplication('bulk-7'))?.state).toBe('signing');
    await store.close();
  });

  it('finishes a write left in the journal folder of earlier versions', async () => {
    const dir = await tempDir();
    let store = lowdbStore({ dir });
    await store.init();
    await store.createApplication(numbered(applicationRecord(), NONE));
    await store.close();
    await mkdir(join(dir, 'journal'));
    const entry = { application: applicationRecord({ version: 2, state: 'signing' }), documents: [documentRecord()], licences: [licenceRecord()] };
    await writeFile(join(dir, 'journal', '1-1-1.json'), JSON.stringify(entry));
    await writeFile(join(dir, 'journal', '.1-1-2.json.1.1.tmp'), '{"torn');
    store = lowdbStore({ dir });
    await store.init();
    expect(await store.getApplication('app-1')).toMatchObject({ version: 2, state: 'signing' });
    expect(await store.getLicence('r1', licenceRecord().number)).toEqual(licenceRecord());
    expect(await store.getDocument('doc-1')).toEqual(documentRecord());
    expect(await readdir(dir)).not.toContain('journal');
    await store.close();
  });
});

describe('lowdbStore health', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says it takes no more writes, and why, once its log could not be synced; a restart recovers', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir });
    await store.init();
    await store.createApplication(numbered(applicationRecord(), NONE));
    expect(store.health()).toEqual({ writable: true });

    // The disk fails the next sync of the write-ahead log (an fdatasync answering EIO).
    const handle = await open(join(dir, 'probe'), 'w');
    const fileHandle = Object.getPrototypeOf(handle) as { datasync(): Promise<void> };
    await handle.close();
    const eio = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    vi.spyOn(fileHandle, 'datasync').mockRejectedValue(eio);
    await expect(store.updateApplication(applicationRecord({ version: 2, state: 'signing' }), 1, NONE)).rejects.toThrow(/EIO/);
    vi.restoreAllMocks();

    const health = store.health();
    expect(health).toMatchObject({ writable: false, reason: expect.stringMatching(/stopped accepting writes.*restart/), cause: eio });
    await expect(store.createApplication(numbered(applicationRecord({ id: 'app-2' }), NONE))).rejects.toThrow(/stopped accepting writes/);
    await store.close();

    const restarted = lowdbStore({ dir });
    await restarted.init();
    expect(restarted.health()).toEqual({ writable: true });
    await restarted.createApplication(numbered(applicationRecord({ id: 'app-2' }), NONE));
    await restarted.close();
  });
});
