import { readFile } from 'node:fs/promises';

/**
 * Reads a JSON-lines file, one value per line; a missing file is empty. `lines` counts every
 * non-empty line, parsed or not, so the caller can tell how much a rewrite would save. A line that
 * does not parse can only be the torn tail of an append cut by a crash; the file store appends index
 * lines before deleting the write-ahead log that holds the same changes, so that log replays them.
 * `torn` says such a tail is there: the file must be rewritten before anything is appended to it,
 * or the next line would run on from the torn one.
 */
export async function readJsonLines<T>(path: string): Promise<{ readonly values: T[]; readonly lines: number; readonly torn: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { values: [], lines: 0, torn: false };
    throw error;
  }
  const values: T[] = [];
  let lines = 0;
  let torn = text.length > 0 && !text.endsWith('\n');
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    lines++;
    try {
      values.push(JSON.parse(line) as T);
    } catch {
      torn = true; // see above
    }
  }
  return { values, lines, torn };
}
