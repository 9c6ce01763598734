/**
 * Compiled JSON Schema validators kept between runs. ajv compiles a schema to JavaScript; for the
 * config schemas that takes longer than loading and checking a whole region, on every start. Here
 * the code ajv generates (its "standalone" output) is written once to a cache folder under a name
 * made of the hash of everything it depends on (the schema texts, ajv's version and options), and
 * each later start evaluates that file instead of compiling. A changed schema or ajv gives another
 * name, so a stale file is never used; a cache that cannot be read or written only costs the compile.
 *
 * Folder: REGLAMENT_CACHE_DIR, else node_modules/.cache/reglament of this checkout (where tools keep
 * their caches); REGLAMENT_CACHE_DIR=off compiles every time. The files are code: the folder must be
 * as trusted as node_modules itself.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _, type Ajv, type ValidateFunction } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';

const requireHere = createRequire(import.meta.url);
const AJV_VERSION = (requireHere('ajv/package.json') as { version: string }).version;
// CommonJS default export, wrapped under NodeNext resolution.
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as (ajv: Ajv, refsOrFuncs: Record<string, string>) => string;

/** ajv's `code` option as passed to `compile`: undefined means "no cache, compile as usual". */
type CodeOption = { source: true; formats?: ReturnType<typeof _> } | undefined;

export interface CachedValidatorsSpec<K extends string> {
  /** Names the cache file. */
  readonly name: string;
  /** Everything the compiled code depends on besides ajv's version (schema texts, options). */
  readonly inputs: readonly string[];
  /** The schema id ($id) to get each validator from. */
  readonly ids: Readonly<Record<K, string>>;
  /** Builds the ajv with every schema added, passing `code` on as ajv's `code` option. */
  compile(code: CodeOption): Ajv;
  /** Module and export the generated code takes its formats from (e.g. ajv-formats' fullFormats). */
  readonly formatsModule?: string;
  readonly formatsExport?: string;
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const set = env.REGLAMENT_CACHE_DIR;
  if (set === 'off') return null;
  return set || fileURLToPath(new URL('../../node_modules/.cache/reglament/', import.meta.url));
}

/** The validators of `spec.ids`, from the cache folder when it has them, else compiled (and stored there). */
export function cachedValidators<K extends string>(spec: CachedValidatorsSpec<K>): Record<K, ValidateFunction> {
  const dir = cacheDir();
  if (dir === null) return fromAjv(spec, spec.compile(undefined));
  const hash = createHash('sha256').update(`${AJV_VERSION}\0${spec.name}\0${spec.formatsModule ?? ''}\0${spec.inputs.join('\0')}`).digest('hex').slice(0, 32);
  const file = path.join(dir, `${spec.name}-${hash}.cjs`);
  const cached = load<K>(file, Object.keys(spec.ids) as K[]);
  if (cached) return cached;

  // ajv's _ quotes interpolated strings: require("ajv-formats/dist/formats")["fullFormats"].
  const formats = spec.formatsModule ? _`require(${spec.formatsModule})[${spec.formatsExport ?? 'default'}]` : undefined;
  const ajv = spec.compile({ source: true, ...(formats ? { formats } : {}) });
  const validators = fromAjv(spec, ajv);
  try {
    const code = standaloneCode(ajv, spec.ids as Record<string, string>);
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, file);
  } catch {
    // A read-only checkout: compile next time too.
  }
  return validators;
}

function fromAjv<K extends string>(spec: CachedValidatorsSpec<K>, ajv: Ajv): Record<K, ValidateFunction> {
  const out = {} as Record<K, ValidateFunction>;
  for (const [kind, id] of Object.entries(spec.ids) as [K, string][]) {
    const validate = ajv.getSchema(id);
    if (!validate) throw new Error(`schema ${id} is not among the compiled schemas`);
    out[kind] = validate;
  }
  return out;
}

/**
 * Evaluates a cached module, its `require` resolving from this package (so the folder may be anywhere).
 * Null when the file is missing, unreadable or lacks a validator.
 */
function load<K extends string>(file: string, kinds: readonly K[]): Record<K, ValidateFunction> | null {
  let code: string;
  try {
    code = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const module = { exports: {} as Record<string, unknown> };
    // The same evaluation ajv itself does when it compiles (new Function), of code it generated.
    new Function('require', 'module', 'exports', code)(requireHere, module, module.exports);
    const exports = module.exports;
    if (!kinds.every((k) => typeof exports[k] === 'function')) return null;
    return Object.fromEntries(kinds.map((k) => [k, exports[k]])) as Record<K, ValidateFunction>;
  } catch {
    return null;
  }
}
