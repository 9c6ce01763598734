/**
 * Loaded regions kept between runs. Parsing a region's YAML, validating every file and checking the
 * references between them is most of what a cold `reglament check` or server start does, and its
 * result depends on nothing but the files and the loader. So a successful load is written (as JSON)
 * to the cache folder (see cachedValidators: REGLAMENT_CACHE_DIR, default node_modules/.cache/reglament)
 * under the hash of the folder's path, every file's name and text, the loader's own source (config/loader,
 * config/dates, the schemas) and the versions of the packages it uses; the next load of the same files
 * by the same loader reads that instead. Anything else (a changed file, a changed loader, a load with
 * errors) goes through the full loader. Only the newest entry of a folder is kept.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { RegionConfig } from '../types/RegionConfig.ts';
import { cacheDir } from './cachedValidators.ts';
import type { FileMap } from './readRegionFolder.ts';

const CONFIG_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Folders whose files decide what the loader accepts and builds. */
const LOADER_SOURCES = ['loader', 'dates', 'schemas'];
const LOADER_PACKAGES = ['yaml', 'ajv', 'ajv-formats', 'handlebars'];

let fingerprint: string | undefined;

/** Hash of the loader's own source and the versions of the packages it relies on (once per process). */
function loaderFingerprint(): string {
  if (fingerprint === undefined) {
    const h = createHash('sha256');
    for (const dir of LOADER_SOURCES) {
      for (const name of readdirSync(path.join(CONFIG_ROOT, dir)).sort()) {
        if (name.endsWith('.ts') || name.endsWith('.json')) h.update(`${dir}/${name}\0`).update(readFileSync(path.join(CONFIG_ROOT, dir, name))).update('\0');
      }
    }
    const require = createRequire(import.meta.url);
    for (const pkg of LOADER_PACKAGES) h.update(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}\0`);
    fingerprint = h.digest('hex');
  }
  return fingerprint;
}

/**
 * The region `load` builds from `files` in folder `abs`: from the cache when an earlier run built it
 * from the same files with the same loader, else by calling `load` (and keeping a success).
 */
export function cachedRegion<R extends { ok: true; config: RegionConfig } | { ok: false }>(abs: string, files: FileMap, load: () => R): R | { ok: true; config: RegionConfig } {
  const dir = cacheDir();
  if (dir === null) return load();
  let entry: { folder: string; file: string };
  try {
    const h = createHash('sha256').update(loaderFingerprint()).update('\0').update(abs).update('\0');
    for (const rel of Object.keys(files).sort()) h.update(rel).update('\0').update(files[rel]).update('\0');
    const folder = `region-${createHash('sha256').update(abs).digest('hex').slice(0, 16)}`;
    entry = { folder, file: path.join(dir, `${folder}-${h.digest('hex').slice(0, 32)}.json`) };
  } catch {
    return load();
  }
  const hit = read(entry.file);
  if (hit) return { ok: true, config: deepFreeze(hit) };
  const result = load();
  if (result.ok) write(dir, entry, result.config);
  return result;
}

function read(file: string): RegionConfig | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RegionConfig;
  } catch {
    return null;
  }
}

function write(dir: string, entry: { folder: string; file: string }, config: RegionConfig): void {
  try {
    const text = JSON.stringify(config);
    // Only what JSON gives back unchanged may be cached (it always is for YAML data; this keeps it so).
    if (!isDeepStrictEqual(JSON.parse(text), config)) return;
    mkdirSync(dir, { recursive: true });
    const temp = `${entry.file}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, entry.file);
    for (const name of readdirSync(dir)) {
      if (name.startsWith(`${entry.folder}-`) && path.join(dir, name) !== entry.file && name.endsWith('.json')) unlinkSync(path.join(dir, name));
    }
  } catch {
    // A read-only checkout: load in full next time too.
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
