import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lowdbStore } from '../../engine/store/lowdbStore.ts';

const dir = mkdtempSync(join(tmpdir(), 'reglament-crash-'));
const checkpointing = mkdtempSync(join(tmpdir(), 'reglament-crash-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(checkpointing, { recursive: true, force: true });
});

/**
 * Runs the writer until it has acknowledged `acks` more writes, then kills it with SIGKILL; returns the
 * last acknowledged version. `checkpointBytes` makes the writer's store checkpoint that often, and
 * `syncEachFile` fsync each file at checkpoints instead of one syncfs.
 */
function writeThenKill(acks: number, into = dir, checkpointBytes?: number, syncEachFile = false): Promise<number> {
  const writer = fileURLToPath(new URL('./lowdbCrashWriter.ts', import.meta.url));
  const args = ['--import', 'tsx', writer, into, ...(checkpointBytes ? [String(checkpointBytes), syncEachFile ? 'each' : 'syncfs'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let seen = 0;
    let last = 0;
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        last = Number(line.slice('ack '.length));
        if (++seen === acks) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`writer exited with ${code}`))));
  });
}

/**
 * What a kill leaves before any restart: every record file (*.json) parses, and every file and directory
 * is private. Returns how many record files there are.
 */
function expectWholeAndPrivate(root: string): number {
  let records = 0;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const full = join(entry.parentPath, entry.name);
    expect((statSync(full).mode & 0o777).toString(8), full).toBe(entry.isDirectory() ? '700' : '600');
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    records++;
    const text = readFileSync(full, 'utf8');
    expect(() => JSON.parse(text), `${full} right after the kill: ${JSON.stringify(text.slice(0, 60))}`).not.toThrow();
  }
  return records;
}

describe('lowdbStore after kill -9', () => {
  it('keeps every acknowledged write, whole, across repeated kills', async () => {
    for (let round = 0; round < 2; round++) {
      const acknowledged = await writeThenKill(25);
      if (round > 0) expect(expectWholeAndPrivate(dir)).toBeGreaterThan(0);
      const store = lowdbStore({ dir });
      await store.init();
      const app = await store.getApplication('app-1');
      // The write in flight at the kill may or may not have landed; everything acknowledged has.
      expect(app!.version).toBeGreaterThanOrEqual(acknowledged);
      expect(app!.state).toBe(`s${app!.version}`);
      // The application, its licence and its document were written together.
      const licence = await store.getLicence('r1', 'L-2025-0001');
      expect(licence!.version).toBe(app!.version);
      expect(await store.getDocument(`doc-${app!.version}`)).toBeDefined();
      expect((await store.listApplications({ region: 'r1', state: app!.state, limit: 1, offset: 0 })).total).toBe(1);
      await store.close();
    }
  });
});

describe('lowdbStore after kill -9 during checkpoints', () => {
  it('keeps every acknowledged write, with all its documents, when killed at any point of a checkpoint', async () => {
    // Each write logs about 1.5 KB, so a checkpoint starts every second or third write and kills land in them;
    // odd rounds make checkpoints fsync each file (where syncfs is missing), even rounds use syncfs.
    for (let round = 0; round < 4; round++) {
      const acknowledged = await writeThenKill(15 + round * 7, checkpointing, 3000, round % 2 === 1);
      expectWholeAndPrivate(checkpointing);
      const store = lowdbStore({ dir: checkpointing });
      await store.init();
      const app = await store.getApplication('app-1');
      expect(app!.version).toBeGreaterThanOrEqual(acknowledged);
      expect(app!.state).toBe(`s${app!.version}`);
      expect((await store.getLicence('r1', 'L-2025-0001'))!.version).toBe(app!.version);
      for (let version = 2; version <= app!.version; version++) expect(await store.getDocument(`doc-${version}`)).toBeDefined();
      expect((await store.listApplications({ region: 'r1', state: app!.state, limit: 1, offset: 0 })).total).toBe(1);
      await store.close();
    }
  });
});
