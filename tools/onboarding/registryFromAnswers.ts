/**
 * Turns a filled-in form on the attribute composition of a region's licence registry
 * (regions/platform/forms/registry-attributes.yaml) into the region's registry.yaml.
 */
import { Document, isMap, isSeq } from 'yaml';
import type { RegistryFile } from '../../config/types/generated.ts';
import { validateFile } from '../../config/loader/schemaValidator.ts';
import { formatLoadError, type LoadError } from '../../config/loader/LoadError.ts';
import { parseYamlText } from '../../config/loader/yamlFile.ts';

/** The form's data: its two sections, as the platform stores the submission. */
export interface RegistryAnswers {
  readonly registry: {
    readonly regionName: string;
    readonly title: string;
    readonly clause?: string;
    readonly numberPattern: string;
    readonly digits?: number;
  };
  readonly attributes: {
    readonly attributes: readonly {
      readonly title: string;
      readonly source: string;
      readonly code?: string;
      readonly searchable?: boolean;
      readonly hidden?: boolean;
      readonly clause?: string;
    }[];
  };
}

export type RegistryResult = { ok: true; registry: RegistryFile; yaml: string } | { ok: false; errors: string[] };

const ID = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

/**
 * Builds registry.yaml from the answers: the form's submission, a stored application holding it as
 * `submission`, or the API's view of that application (`GET /api/applications/{id}`). The result is
 * checked against registry.schema.json; `schemaComment` is the `$schema=` path to put on the first line
 * (omit for none).
 */
export function registryFromAnswers(input: unknown, options: { schemaComment?: string } = {}): RegistryResult {
  const answers = unwrap(input);
  const shapeErrors = checkShape(answers);
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors };
  const a = answers as RegistryAnswers;

  const taken = new Set<string>();
  const registry: RegistryFile = {
    title: a.registry.title,
    ...(a.registry.clause ? { clause: a.registry.clause } : {}),
    numbering: { pattern: a.registry.numberPattern, ...(a.registry.digits !== undefined ? { digits: a.registry.digits } : {}) },
    attributes: a.attributes.attributes.map((attr) => ({
      id: attributeId(attr.code, attr.source, taken),
      title: attr.title,
      ...(attr.clause ? { clause: attr.clause } : {}),
      from: attr.source,
      // Only what differs from the schema defaults is written (searchable false, public true).
      ...(attr.searchable ? { searchable: true } : {}),
      ...(attr.hidden ? { public: false } : {}),
    })) as RegistryFile['attributes'], // non-empty: checkShape required at least one
  };

  const yaml = toYaml(registry, a.registry.regionName, options.schemaComment);
  const errors: LoadError[] = [];
  const parsed = parseYamlText(yaml, 'registry.yaml', errors);
  if (parsed) validateFile('registry', parsed, errors);
  if (errors.length > 0) return { ok: false, errors: errors.map(formatLoadError) };
  return { ok: true, registry, yaml };
}

/** A stored application carries the form's data under `submission`; the API's view of one under `application`. */
function unwrap(input: unknown): unknown {
  if (isObject(input) && isObject(input.application)) return unwrap(input.application);
  if (isObject(input) && isObject(input.submission)) return input.submission;
  return input;
}

function checkShape(a: unknown): string[] {
  const errors: string[] = [];
  const str = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  if (!isObject(a) || !isObject(a.registry)) return ['answers need a "registry" section (regionName, title, numberPattern)'];
  for (const key of ['regionName', 'title', 'numberPattern']) if (!str(a.registry[key])) errors.push(`registry.${key} must be filled in`);
  const list = isObject(a.attributes) ? a.attributes.attributes : undefined;
  if (!Array.isArray(list) || list.length === 0) return [...errors, 'attributes.attributes must list at least one attribute'];
  list.forEach((attr, i) => {
    if (!isObject(attr)) return errors.push(`attributes.attributes[${i}] must be an object`);
    if (!str(attr.title)) errors.push(`attributes.attributes[${i}].title must be filled in`);
    if (!str(attr.source)) errors.push(`attributes.attributes[${i}].source must be filled in`);
    if (attr.code !== undefined && !(typeof attr.code === 'string' && ID.test(attr.code))) errors.push(`attributes.attributes[${i}].code must be latin letters, digits, "-" or "_", starting with a letter`);
  });
  return errors;
}

/**
 * The attribute's id: its code if given, else the last segment of its path ("submission.applicant.inn"
 * -> "inn"); on a clash the last two segments ("applicantInn"), then a number.
 */
function attributeId(code: string | undefined, source: string, taken: Set<string>): string {
  const segments = source.split('.').slice(1).filter((s) => /^[a-zA-Z0-9_-]+$/.test(s));
  const asId = (s: string) => (ID.test(s) ? s : `a${s}`).slice(0, 64);
  const last = segments.at(-1) ?? 'attribute';
  const candidates = [code, asId(last), segments.length > 1 ? asId(segments.at(-2)! + last[0]!.toUpperCase() + last.slice(1)) : undefined];
  let id = candidates.find((c): c is string => c !== undefined && !taken.has(c));
  for (let n = 2; id === undefined; n++) if (!taken.has(`${asId(last)}${n}`)) id = `${asId(last)}${n}`;
  taken.add(id);
  return id;
}

/** registry.yaml text: block layout with one flow line per attribute, like hand-written files. */
function toYaml(registry: RegistryFile, regionName: string, schemaComment: string | undefined): string {
  const doc = new Document(registry);
  const numbering = doc.getIn(['numbering'], true);
  if (isMap(numbering)) numbering.flow = true;
  const attributes = doc.getIn(['attributes'], true);
  if (isSeq(attributes)) for (const item of attributes.items) if (isMap(item)) item.flow = true;
  const header = [
    ...(schemaComment ? [` yaml-language-server: $schema=${schemaComment}`] : []),
    ` Licence registry of ${regionName.replace(/\s+/g, ' ')}: made from the form on the attribute composition of the registry.`,
  ];
  doc.commentBefore = header.join('\n');
  return doc.toString({ lineWidth: 0 });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
