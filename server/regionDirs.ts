/** Which region folders to serve: the ones named, or every subfolder of ./regions not starting with "_" or ".". */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export async function defaultRegionDirs(root = 'regions'): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('_') && !e.name.startsWith('.'))
    .map((e) => path.join(root, e.name))
    .sort();
}
