/**
 * Where a region folder may read from. A region's files are written by whoever edits that region; the
 * server reads them with its own rights. So every path a region names (`shared:`, `regulation.text`)
 * and every file it holds, symbolic links followed, must stay inside the **regions root**: the folder
 * that holds the region folder (`regions/`). `shared: /etc` or `shared: ../../..` would otherwise load
 * host files into the config and copy them into the store.
 *
 * One folder outside it may be named as `shared:`: the federal folder that comes with reglament
 * (`regions/_shared` of this installation: the production calendar), which is part of the program
 * rather than of any region. Test fixtures and copied regions use it from elsewhere.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** The federal shared folder shipped with this installation. */
export const BUNDLED_SHARED = path.resolve(import.meta.dirname, '../../regions/_shared');

/** true when `child` is `parent` itself or inside it (both already resolved). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The real path (symbolic links resolved), or null when nothing is there. */
export async function realPathOrNull(p: string): Promise<string | null> {
  return realpath(p).catch(() => null);
}

/** An absolute path in any of the forms a YAML value could carry: "/x", "C:\x", "\\server\x", "~/x". */
export function looksAbsolute(value: string): boolean {
  return path.isAbsolute(value) || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\') || value.startsWith('~');
}

export interface RegionsRoot {
  /** Real path of the folder holding the region folder. */
  readonly root: string;
  /** Real path of the bundled federal folder (null if this installation has none). */
  readonly bundledShared: string | null;
}

export async function regionsRootOf(regionDir: string): Promise<RegionsRoot> {
  const parent = path.dirname(path.resolve(regionDir));
  return { root: (await realPathOrNull(parent)) ?? parent, bundledShared: await realPathOrNull(BUNDLED_SHARED) };
}
