import { mkdtempSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lowdbStore } from '../../engine/store/lowdbStore.ts';
import { applicationRecord, documentRecord, licenceRecord, storeContract } from './storeContract.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
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

describe('lowdbStore files', () => {
  it('keeps one file per application, licence and document, and a compacted index', async () => {
    const dir = await tempDir();
    const store = lowdbStore({ dir });
    await store.init();
    await store.createApplication(applicationRecord(), { documents: [documentRecord()], licences: [licenceRecord({ number: '35/2025.01' })] });
    await store.updateApplication(applicationRecord({ version: 2 }), 1, { documents: [], licences: [] });
    await store.close();
    expect(await readdir(join(dir, 'applications'))).toEqual(['app-1.json']);
    expect(await readdir(join(dir, 'documents'))).toEqual(['doc-1.json']);
    expect(await readdir(join(dir, 'licences', 'r1'))).toEqual(['35%2F2025%2E01.json']);
    expect(await readdir(join(dir, 'journal'))).toEqual([]);
    expect((await readFile(join(dir, 'index', 'applications.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(2);
    const reopened = lowdbStore({ dir });
    await reopened.init();
    await reopened.close();
    expect((await readFile(join(dir, 'index', 'applications.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('finishes a write a crash cut short, from its journal entry, at the next start', async () => {
    const dir = await tempDir();
    let store = lowdbStore({ dir });
    await store.init();
    await store.createApplication(applicationRecord(), { documents: [], licences: [] });
    await store.close();
    // As left by a crash after the journal entry was written and before the records were.
    const entry = { application: applicationRecord({ version: 2, state: 'signing' }), documents: [documentRecord()], licences: [licenceRecord()] };
    await writeFile(join(dir, 'journal', '1-1-1.json'), JSON.stringify(entry));
    await writeFile(join(dir, 'journal', '.1-1-2.json.1.1.tmp'), '{"torn');
    await writeFile(join(dir, 'index', 'applications.jsonl'), `${await readFile(join(dir, 'index', 'applications.jsonl'), 'utf8')}{"id":"torn`);
    store = lowdbStore({ dir });
    await store.init();
    expect(await store.getApplication('app-1')).toMatchObject({ version: 2, state: 'signing' });
    expect((await store.listApplications({ region: 'r1', state: 'signing', limit: 10, offset: 0 })).total).toBe(1);
    expect(await store.getLicence('r1', licenceRecord().number)).toEqual(licenceRecord());
    expect(await store.getDocument('doc-1')).toEqual(documentRecord());
    expect(await readdir(join(dir, 'journal'))).toEqual([]);
    await store.close();
  });

  it('never rolls a record back when replaying an older journal entry', async () => {
    const dir = await tempDir();
    let store = lowdbStore({ dir });
    await store.init();
    await store.createApplication(applicationRecord(), { documents: [], licences: [licenceRecord()] });
    await store.updateApplication(applicationRecord({ version: 2, state: 'newer' }), 1, { documents: [], licences: [licenceRecord({ version: 2, status: 'terminated' })] });
    await store.close();
    await writeFile(join(dir, 'journal', '1-1-1.json'), JSON.stringify({ application: applicationRecord(), documents: [], licences: [licenceRecord()] }));
    store = lowdbStore({ dir });
    await store.init();
    expect(await store.getApplication('app-1')).toMatchObject({ version: 2, state: 'newer' });
    expect(await store.getLicence('r1', licenceRecord().number)).toMatchObject({ version: 2, status: 'terminated' });
    await store.close();
  });
});
