/**
 * Reads every file of a region folder (and the shared files it falls back on) into memory.
 * Works on a plain map of files too, so a stored old config version loads the same way.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LoadError } from './LoadError.ts';
import { MAX_FILE_BYTES } from './yamlFile.ts';

/** File name (relative to the region folder, "/"-separated) -> content. Shared files are keyed "<shared>/...". */
export type FileMap = Record<string, string>;

/** Files a region folder may hold besides the YAML kinds: documentation and YAML test cases. */
const IGNORED = [/^README\.md$/i, /^COVERAGE\.md$/i, /^[^/]+\.md$/i, /^tests\//, /^\./];

/** Reads `dir` recursively (depth 2) and the shared folder's calendar and fallback files. */
export async function readRegionFolder(dir: string, sharedRel: string | undefined, errors: LoadError[], shownDir: string): Promise<FileMap> {
  const files: FileMap = {};
  await readInto(dir, '', files, errors, shownDir, 0);
  if (sharedRel) {
    const sharedAbs = path.resolve(dir, sharedRel);
    const exists = await stat(sharedAbs).then((s) => s.isDirectory(), () => false);
    if (!exists) {
      errors.push({ file: `${shownDir}/region.yaml`, line: 0, column: 0, path: 'shared', message: `shared folder "${sharedRel}" does not exist` });
    } else {
      const shared: FileMap = {};
      await readInto(sharedAbs, '', shared, errors, path.join(shownDir, sharedRel), 0);
      for (const [rel, text] of Object.entries(shared)) files[`${trimSlash(sharedRel)}/${rel}`] = text;
    }
  }
  return files;
}

async function readInto(abs: string, rel: string, files: FileMap, errors: LoadError[], shownDir: string, depth: number): Promise<void> {
  const entries = await readdir(path.join(abs, rel), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    if (IGNORED.some((re) => re.test(childRel))) continue;
    if (entry.isDirectory()) {
      if (depth < 2) await readInto(abs, childRel, files, errors, shownDir, depth + 1);
      continue;
    }
    if (!entry.isFile()) continue;
    const full = path.join(abs, childRel);
    const size = (await stat(full)).size;
    if (size > MAX_FILE_BYTES) {
      errors.push({ file: `${shownDir}/${childRel}`, line: 0, column: 0, path: '', message: `file is ${size} bytes; config files may be at most ${MAX_FILE_BYTES} bytes (1 MiB)` });
      continue;
    }
    files[childRel] = await readFile(full, 'utf8');
  }
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}
