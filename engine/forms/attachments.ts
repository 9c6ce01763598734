/**
 * Attachments in form data. A file field holds a list of references to uploads, each
 * `{ id, name, size, type, sha256 }`: the upload's id (POST .../uploads answered it) and what was
 * recorded about the file, which the engine fills in from the store when the form is filed (the
 * browser's copy is never trusted). Browser-safe: the renderer reads the same schema marks.
 */

/** Files per field when the field names no maxFiles. */
export const DEFAULT_MAX_FILES = 10;
/** Largest file (MiB) when the field names no maxFileSizeMb. */
export const DEFAULT_MAX_FILE_MB = 20;
/** The schema keyword that marks a file field, with its limits. */
export const ATTACHMENT = 'x-attachment';

/** What the compiled schema of a file field carries under ATTACHMENT. */
export interface AttachmentLimits {
  readonly formats: readonly string[] | null;
  readonly maxFileSizeMb: number;
  readonly maxFiles: number;
}

/** One file in form data. */
export interface AttachmentRef {
  readonly id: string;
  readonly name: string;
  readonly size?: number;
  readonly type?: string;
  readonly sha256?: string;
}

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** JSON Schema of one reference. */
export const ATTACHMENT_REF_SCHEMA = {
  type: 'object',
  required: ['id', 'name'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: UUID, title: 'Файл' },
    name: { type: 'string', minLength: 1, maxLength: 255, title: 'Имя файла' },
    size: { type: 'integer', minimum: 0 },
    type: { type: 'string', maxLength: 200 },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
} as const;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A file field's value found in data: its dotted path (list indices included) and its references. */
export interface FoundAttachments {
  readonly path: string;
  /** The field's title. */
  readonly title: string;
  readonly limits: AttachmentLimits;
  readonly refs: readonly AttachmentRef[];
}

/**
 * Every file field's value in `data`, walking the compiled schema beside it (sections, groups, list
 * items). Values that are not lists of references are skipped: validation reports them.
 */
export function findAttachments(schema: unknown, data: unknown, path = ''): FoundAttachments[] {
  const out: FoundAttachments[] = [];
  walk(schema, data, path, out);
  return out;
}

function walk(schema: unknown, data: unknown, path: string, out: FoundAttachments[]): void {
  if (!isObj(schema)) return;
  if (isObj(schema[ATTACHMENT])) {
    if (Array.isArray(data)) {
      const refs = data.filter((r): r is AttachmentRef => isObj(r) && typeof r.id === 'string' && typeof r.name === 'string');
      out.push({ path, title: String(schema.title ?? path), limits: schema[ATTACHMENT] as unknown as AttachmentLimits, refs });
    }
    return;
  }
  if (isObj(data) && isObj(schema.properties)) {
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (Object.hasOwn(data, key)) walk(sub, data[key], path === '' ? key : `${path}.${key}`, out);
    }
  } else if (Array.isArray(data) && isObj(schema.items)) {
    data.forEach((item, i) => walk(schema.items, item, `${path}.${i}`, out));
  }
}

/** A copy of `data` with each file field's references replaced by `replace(path, refs)`. */
export function mapAttachments(schema: unknown, data: unknown, replace: (found: FoundAttachments) => AttachmentRef[], path = ''): unknown {
  if (!isObj(schema)) return data;
  if (isObj(schema[ATTACHMENT])) {
    if (!Array.isArray(data)) return data;
    return replace({ path, title: String(schema.title ?? path), limits: schema[ATTACHMENT] as unknown as AttachmentLimits, refs: data as AttachmentRef[] });
  }
  if (isObj(data) && isObj(schema.properties)) {
    const copy: Json = { ...data };
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (Object.hasOwn(data, key)) copy[key] = mapAttachments(sub, data[key], replace, path === '' ? key : `${path}.${key}`);
    }
    return copy;
  }
  if (Array.isArray(data) && isObj(schema.items)) return data.map((item, i) => mapAttachments(schema.items, item, replace, `${path}.${i}`));
  return data;
}

/** The field a dotted data path names, list indices dropped: "staff.employees.2.documents" -> "staff.employees.documents". */
export function fieldOfPath(path: string): string {
  return path
    .split('.')
    .filter((segment) => !/^(\d+|\*)$/.test(segment))
    .join('.');
}

/** Upload ids found in data, for a draft (whatever state the data is in). */
export function attachmentIds(schema: unknown, data: unknown): string[] {
  return [...new Set(findAttachments(schema, data).flatMap((f) => f.refs.map((r) => r.id)))];
}
