/**
 * Reads every file of a region folder (and the shared files it falls back on) into memory.
 * Works on a plain map of files too, so a stored old config version loads the same way.
 *
 * Nothing is read from outside the regions root (regionsRoot.ts): `shared:` must name a folder inside
 * it (or the bundled federal folder), and a symbolic link is followed only when its target stays
 * inside too; anything else is an error with the file and line that named it.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LoadError } from './LoadError.ts';
import { isInside, looksAbsolute, realPathOrNull, regionsRootOf, type RegionsRoot } from './regionsRoot.ts';
import { MAX_FILE_BYTES } from './yamlFile.ts';

/** File name (relative to the region folder, "/"-separated) -> content. Shared files are keyed "<shared>/...". */
export type FileMap = Record<string, string>;

/** Files a region folder may hold besides the YAML kinds: documentation and YAML test cases. */
const IGNORED = [/^README\.md$/i, /^COVERAGE\.md$/i, /^[^/]+\.md$/i, /^tests\//, /^\./];

/** Where region.yaml names the shared folder, for errors about it. */
export interface SharedSetting {
  readonly rel: string | undefined;
  readonly line: number;
  readonly column: number;
}

/**
 * Reads `dir` recursively (depth 2) and the shared folder's calendar and fallback files. `shared` is
 * region.yaml's value (with its position, for errors); `roots` defaults to the folder holding `dir`.
 */
export async function readRegionFolder(dir: string, setting: SharedSetting | string | undefined, errors: LoadError[], shownDir: string, roots?: RegionsRoot): Promise<FileMap> {
  roots ??= await regionsRootOf(dir);
  const shared: SharedSetting = typeof setting === 'object' ? setting : { rel: setting, line: 0, column: 0 };
  const files: FileMap = {};
  const outside = (what: string) => `${what}, outside the regions root ${shownRoot(roots.root)}: a region may only use files inside it`;
  await readInto(dir, '', files, errors, shownDir, 0, [roots.root], outside);
  const sharedRel = shared.rel;
  if (!sharedRel) return files;
  const at = { file: `${shownDir}/region.yaml`, line: shared.line, column: shared.column, path: 'shared' };
  if (looksAbsolute(sharedRel)) {
    errors.push({ ...at, message: `must be a folder relative to the region folder, not an absolute path (got "${sharedRel}")` });
    return files;
  }
  const sharedAbs = path.resolve(dir, sharedRel);
  const real = await realPathOrNull(sharedAbs);
  if (!real || !(await stat(real).then((s) => s.isDirectory(), () => false))) {
    errors.push({ ...at, message: `shared folder "${sharedRel}" does not exist` });
    return files;
  }
  const bundled = roots.bundledShared !== null && isInside(roots.bundledShared, real);
  if (!isInside(roots.root, real) && !bundled) {
    errors.push({
      ...at,
      message: `shared folder "${sharedRel}" is ${real}, outside the regions root ${shownRoot(roots.root)}: a region may name only a folder inside it, or the federal folder that comes with reglament (regions/_shared)`,
    });
    return files;
  }
  const sharedFiles: FileMap = {};
  const allowed = bundled ? [roots.root, roots.bundledShared!] : [roots.root];
  await readInto(real, '', sharedFiles, errors, path.join(shownDir, sharedRel), 0, allowed, outside);
  for (const [rel, text] of Object.entries(sharedFiles)) files[`${trimSlash(sharedRel)}/${rel}`] = text;
  return files;
}

async function readInto(
  abs: string,
  rel: string,
  files: FileMap,
  errors: LoadError[],
  shownDir: string,
  depth: number,
  allowed: readonly string[],
  outside: (what: string) => string,
): Promise<void> {
  const entries = await readdir(path.join(abs, rel), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    if (IGNORED.some((re) => re.test(childRel))) continue;
    const full = path.join(abs, childRel);
    const shown = `${shownDir}/${childRel}`;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await realPathOrNull(full);
      if (!target) {
        errors.push({ file: shown, line: 0, column: 0, path: '', message: 'is a symbolic link to nothing' });
        continue;
      }
      if (!allowed.some((root) => isInside(root, target))) {
        errors.push({ file: shown, line: 0, column: 0, path: '', message: outside(`is a symbolic link to ${target}`) });
        continue;
      }
      const info = await stat(target);
      isDirectory = info.isDirectory();
      isFile = info.isFile();
    }
    if (isDirectory) {
      if (depth < 2) await readInto(abs, childRel, files, errors, shownDir, depth + 1, allowed, outside);
      continue;
    }
    if (!isFile) continue;
    const size = (await stat(full)).size;
    if (size > MAX_FILE_BYTES) {
      errors.push({ file: shown, line: 0, column: 0, path: '', message: `file is ${size} bytes; config files may be at most ${MAX_FILE_BYTES} bytes (1 MiB)` });
      continue;
    }
    files[childRel] = await readFile(full, 'utf8');
  }
}

function shownRoot(root: string): string {
  const rel = path.relative(process.cwd(), root);
  return rel && !rel.startsWith('..') ? rel : root;
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}
