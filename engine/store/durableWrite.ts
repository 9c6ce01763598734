import { spawn } from 'node:child_process';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PRIVATE_FILE } from './RecordFile.ts';

let tempCounter = 0;

/**
 * Writes a file so that, once the promise resolves, the new content survives a crash or kill -9:
 * data goes to a unique temporary file that is fsynced, renamed over the target (atomic on POSIX),
 * and then the directory is fsynced so the rename itself is on disk.
 * (lowdb's steno writer does the temp-file + rename but never fsyncs, hence this.)
 */
export async function durableWrite(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);
  const handle = await open(temp, 'w', PRIVATE_FILE);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temp, path);
  await syncDirectory(dirname(path));
}

/** fsyncs a directory so entries created, renamed or removed in it are durable. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms cannot open or fsync a directory; the rename is still atomic there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Flushes everything written to the filesystem holding `dir`, data and metadata (syncfs(2), which
 * Node does not expose, run through coreutils `sync -f`). One call replaces an fsync per file and
 * commits the journal once. Rejects if `sync` is missing, does not know -f, or reports an error.
 */
export function syncFileSystem(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sync', ['-f', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`sync -f ${dir} failed (${signal ?? `exit ${code}`})${stderr ? `: ${stderr.trim()}` : ''}`));
    });
  });
}
