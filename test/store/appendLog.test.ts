/**
 * The write-ahead log's append: lines are on disk when it resolves, concurrent appends share a flush,
 * and an append of no lines (bulkImport([]), an empty index batch) settles instead of waiting forever.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppendLog } from '../../engine/store/AppendLog.ts';
import { lowdbStore } from '../../engine/store/lowdbStore.ts';
import { applicationRecord, numbered } from './records.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'reglament-appendlog-'));
  dirs.push(dir);
  return dir;
}

describe('AppendLog', () => {
  it('settles an append of no lines on an idle log, writing nothing', async () => {
    const log = new AppendLog(join(await tempDir(), 'log.jsonl'));
    await log.open();
    await log.append([]);
    expect(log.syncs).toBe(0);
    expect(await readFile(log.path, 'utf8')).toBe('');
    await log.close();
  });

  it('settles an append of no lines made while a flush runs, after the lines before it are on disk', async () => {
    const log = new AppendLog(join(await tempDir(), 'log.jsonl'));
    await log.open();
    const first = log.append(['a\n']);
    const second = log.append(['b\n']);
    let emptyDone = false;
    const empty = log.append([]).then(() => {
      emptyDone = true;
    });
    await first;
    await empty;
    expect(emptyDone).toBe(true);
    await second;
    expect(await readFile(log.path, 'utf8')).toBe('a\nb\n');
    await log.close();
  });

  it('lets bulkImport of nothing resolve and leaves the store writable', async () => {
    const store = lowdbStore({ dir: await tempDir() });
    await store.init();
    await store.bulkImport([]);
    await store.createApplication(numbered(applicationRecord()));
    expect(await store.getApplication(applicationRecord().id)).toEqual(applicationRecord());
    await store.close();
  });
});
