/**
 * Validates parsed config files against config/schemas/*.schema.json and turns ajv's errors into
 * sentences a coordinator understands, each pointing at its line.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedValidators } from './cachedValidators.ts';
import type { LoadError } from './LoadError.ts';
import { formatPath, locate, type PathSegment, type YamlFile } from './yamlFile.ts';

export const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));
const SCHEMA_BASE = 'https://reglament.local/schemas/';

/** The kinds of file a region folder holds, named after their schema files. */
export type FileKind =
  | 'region' | 'roles' | 'service' | 'form' | 'procedure' | 'fees' | 'deadlines'
  | 'calendar' | 'templates' | 'registry' | 'rules' | 'refusals' | 'tests';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

let validators: Map<FileKind, ValidateFunction> | undefined;

const KINDS: readonly FileKind[] = ['region', 'roles', 'service', 'form', 'procedure', 'fees', 'deadlines', 'calendar', 'templates', 'registry', 'rules', 'refusals', 'tests'];
const AJV_OPTIONS = { allErrors: true, strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true, verbose: true } as const;

/** Every schema as parsed JSON, by file name (used by `reglament schema`). */
export function readSchemas(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const f of readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json')).sort()) {
    out[f] = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, f), 'utf8'));
  }
  return out;
}

/**
 * The validator of each kind of file. Compiling every schema costs a cold `reglament check` or server
 * start more than anything else it does, so the compiled code is kept in a cache folder, named by the
 * hash of the schemas and ajv's version and options (cachedValidators), and later starts load it.
 */
function getValidator(kind: FileKind): ValidateFunction {
  if (!validators) {
    const texts = readSchemaTexts();
    const loaded = cachedValidators<FileKind>({
      name: 'config-schemas',
      inputs: [JSON.stringify(AJV_OPTIONS), ...texts],
      ids: Object.fromEntries(KINDS.map((k) => [k, `${SCHEMA_BASE}${k}.schema.json`])) as Record<FileKind, string>,
      compile: (code) => {
        const ajv = new Ajv2020({ ...AJV_OPTIONS, code });
        addFormats(ajv);
        for (const text of texts) ajv.addSchema(JSON.parse(text) as object);
        return ajv;
      },
      formatsModule: 'ajv-formats/dist/formats',
      formatsExport: 'fullFormats',
    });
    validators = new Map(KINDS.map((k) => [k, loaded[k]]));
  }
  return validators.get(kind)!;
}

/** The text of every schema file, in name order. */
function readSchemaTexts(): string[] {
  return readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => readFileSync(path.join(SCHEMAS_DIR, f), 'utf8'));
}

/** Validates `file.data` as `kind`; appends one error per problem. Returns true when valid. */
export function validateFile(kind: FileKind, file: YamlFile, errors: LoadError[]): boolean {
  const validate = getValidator(kind);
  if (validate(file.data)) return true;
  for (const e of simplify(validate.errors ?? [])) {
    const p = pointerToPath(e.instancePath);
    const isKeyProblem = e.keyword === 'additionalProperties' || e.keyword === 'propertyNames';
    const target = e.keyword === 'additionalProperties' ? [...p, (e.params as { additionalProperty: string }).additionalProperty] : p;
    const pos = locate(file, target, isKeyProblem);
    errors.push({ file: file.file, line: pos.line, column: pos.column, path: formatPath(target), message: describe(e, file.data) });
  }
  return false;
}

function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((s) => {
    const seg = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(seg) ? Number(seg) : seg;
  });
}

/**
 * ajv reports every failed branch of a oneOf and the if/then plumbing; keep what the author must fix.
 * For a oneOf, keep the errors of the branch that matched the value's type.
 */
function simplify(errors: readonly ErrorObject[]): ErrorObject[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  return errors.filter((e) => {
    if (e.keyword === 'if' || e.keyword === 'oneOf') return false;
    if (e.keyword === 'propertyNames' ) return false; // the pattern error under it says more
    if (oneOfPaths.has(e.instancePath) && e.keyword === 'type') {
      // A type mismatch of one oneOf branch: drop it if another branch got further.
      return !errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.keyword !== 'type' && o.keyword !== 'oneOf');
    }
    return true;
  });
}

function got(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function valueAt(data: unknown, pointer: string): unknown {
  let v: unknown = data;
  for (const seg of pointerToPath(pointer)) v = v != null && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', object: 'a mapping (key: value)', array: 'a list', null: 'null',
};

function describe(e: ErrorObject, data: unknown): string {
  const value = valueAt(data, e.instancePath);
  const params = e.params as Record<string, unknown>;
  const schema = e.parentSchema as { minimum?: number; type?: string | string[] } | undefined;
  switch (e.keyword) {
    case 'type': {
      const types = ([] as string[]).concat(params.type as string | string[]);
      if (types.includes('integer') && (schema?.minimum === 0 || schema?.minimum === 1))
        return `must be a ${schema.minimum === 1 ? 'positive' : 'non-negative'} integer (got ${got(value)})`;
      return `must be ${types.map((t) => TYPE_NAMES[t.trim()] ?? t).join(' or ')} (got ${got(value)})`;
    }
    case 'required': return `is missing required key "${params.missingProperty}"`;
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      return `unknown key "${params.additionalProperty}"${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
    }
    case 'enum': return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (got ${got(value)})`;
    case 'const': return `must be ${JSON.stringify(params.allowedValue)} (got ${got(value)})`;
    case 'pattern': {
      if (String(params.pattern).startsWith('^[a-zA-Z][a-zA-Z0-9_-]')) return `must be an id: latin letters, digits, "-" or "_", starting with a letter (got ${got(value)})`;
      if (String(params.pattern).startsWith('^[A-Z][A-Z0-9_]')) return `must be an event name in UPPER_SNAKE_CASE (got ${got(value)})`;
      if (String(params.pattern) === '^(?=.*\\{seq\\})(?=.*\\{year\\})') return `must contain both {seq} and {year}: the sequence starts again every year (got ${got(value)})`;
      return `must match ${params.pattern} (got ${got(value)})`;
    }
    case 'format': return `must be a valid ${params.format === 'date' ? 'date YYYY-MM-DD' : params.format} (got ${got(value)})`;
    case 'minimum': return `must be ${params.comparison} ${params.limit} (got ${got(value)})`;
    case 'maximum': return `must be ${params.comparison} ${params.limit} (got ${got(value)})`;
    case 'minItems': return `must have at least ${params.limit} item${params.limit === 1 ? '' : 's'}`;
    case 'maxItems': return `must have at most ${params.limit} items`;
    case 'minLength': return `must not be empty`;
    case 'maxLength': return `must be at most ${params.limit} characters long`;
    case 'uniqueItems': return `must not repeat items (items ${params.j} and ${params.i} are the same)`;
    case 'minProperties': return `must have at least ${params.limit} entr${params.limit === 1 ? 'y' : 'ies'}`;
    default: return e.message ?? `fails ${e.keyword}`;
  }
}
