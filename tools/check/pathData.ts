/**
 * Data that drives an application along one path of its procedure: an application form and one
 * payload per event, each valid for its form, chosen so that every guard on the path gives the answer
 * the path needs. The search (ruleProblem.ts) pins every value a guard or a visibleWhen reads; the rest
 * is valid sample data generated from the compiled form (json-schema-faker, fixed seed).
 */
import { createGeneratorSync } from 'json-schema-faker';
import { ATTACHMENT } from '../../engine/forms/attachments.ts';
import { compileForm } from '../../engine/forms/compileForm.ts';
import { evaluateRule } from '../../engine/rules/evaluateRule.ts';
import type { RuleData } from '../../engine/rules/RuleData.ts';
import type { Field, FormFile, ServiceFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { formShape, resolve } from './dataShape.ts';
import { pathProblem, payloadForm } from './pathProblem.ts';
import type { Path } from './procedureGraph.ts';
import { PLACEHOLDERS, SAMPLE_GROUND } from './ruleProblem.ts';
import { sampleAttachment, sampleInn, sampleOgrn, sampleOgrnip, samplePhone, sampleSnils } from './sampleIdentifiers.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const samples = new WeakMap<RegionConfig, Map<string, Obj>>();

/**
 * Valid sample data of a form with every field filled (hidden ones too: fitForm removes them),
 * identifiers with correct control digits and attachments of an allowed format. Cached per config.
 */
export function formSample(config: RegionConfig, formId: string, seed = 1): Obj {
  let byForm = samples.get(config);
  if (!byForm) samples.set(config, (byForm = new Map()));
  const key = `${formId}\u0000${seed}`;
  let sample = byForm.get(key);
  if (!sample) {
    const schema = compileForm(config, formId).schema;
    const generator = createGeneratorSync({
      seed,
      optionalsProbability: 1,
      maxDefaultItems: 1,
      formats: { inn: sampleInn, ogrn: sampleOgrn, ogrnip: sampleOgrnip, snils: sampleSnils, phone: samplePhone },
    } as Parameters<typeof createGeneratorSync>[0]);
    sample = generator.generate(schema as never) as Obj;
    fixAttachments(schema, sample);
    byForm.set(key, sample);
  }
  return structuredClone(sample);
}

/** Gives every file field one attachment, named with the first extension its field allows. */
function fixAttachments(schema: unknown, data: unknown): unknown {
  if (!isObj(schema)) return data;
  if (isObj(schema[ATTACHMENT])) {
    const formats = (schema[ATTACHMENT] as { formats?: unknown }).formats;
    return [sampleAttachment(Array.isArray(formats) && typeof formats[0] === 'string' ? formats[0] : 'pdf')];
  }
  if (isObj(data) && isObj(schema.properties)) {
    for (const [k, sub] of Object.entries(schema.properties)) if (Object.hasOwn(data, k)) data[k] = fixAttachments(sub, data[k]);
  } else if (Array.isArray(data) && schema.items) {
    data.forEach((item, i) => (data[i] = fixAttachments(schema.items, item)));
  }
  return data;
}

/**
 * `sample` with the `pinned` values set (a dotted path -> value; undefined removes it) and every
 * visibleWhen obeyed: hidden sections and fields removed, shown required ones taken from the sample.
 * `context` is what the form's rules read besides the form's own data (`role`).
 */
export function fitForm(config: RegionConfig, form: FormFile, sample: Obj, pinned: Readonly<Record<string, unknown>>, context: RuleData, role: 'submission' | 'payload'): Obj {
  const data = structuredClone(sample);
  const shape = formShape(form);
  for (const [path, value] of Object.entries(pinned)) {
    const segs = path.split('.');
    const r = resolve(shape, segs);
    const field = r.ok && 'source' in r.shape ? r.shape.source?.field : undefined;
    setAt(data, segs, realValue(value, field, getAt(sample, segs)));
  }
  const holds = (rule: string) => evaluateRule(config, rule, { ...context, [role]: data });
  // Showing one part may hide or show another: repeat until nothing changes.
  for (let round = 0; round < 10; round++) {
    let changed = false;
    const visit = (fields: readonly Field[], obj: Obj, base: Obj | undefined) => {
      for (const f of fields) {
        const present = Object.hasOwn(obj, f.id);
        if (f.visibleWhen !== undefined && !holds(f.visibleWhen)) {
          if (present) {
            delete obj[f.id];
            changed = true;
          }
          continue;
        }
        if (!present && f.required && base && Object.hasOwn(base, f.id)) {
          obj[f.id] = structuredClone(base[f.id]);
          changed = true;
        }
        const value = obj[f.id];
        if (f.fields && f.type === 'group' && isObj(value)) visit(f.fields, value, isObj(base?.[f.id]) ? (base![f.id] as Obj) : undefined);
        if (f.fields && f.type === 'list' && Array.isArray(value)) {
          const baseItem = Array.isArray(base?.[f.id]) ? ((base![f.id] as unknown[])[0] as Obj | undefined) : undefined;
          value.forEach((item) => isObj(item) && visit(f.fields!, item, baseItem));
        }
      }
    };
    for (const s of form.sections) {
      const present = Object.hasOwn(data, s.id);
      if (s.visibleWhen !== undefined && !holds(s.visibleWhen)) {
        if (present) {
          delete data[s.id];
          changed = true;
        }
        continue;
      }
      if (!present && isObj(sample[s.id])) {
        data[s.id] = structuredClone(sample[s.id]);
        changed = true;
      }
      if (isObj(data[s.id])) visit(s.fields, data[s.id] as Obj, sample[s.id] as Obj);
    }
    if (!changed) break;
  }
  return data;
}

/**
 * The value to store for a pinned one: a stand-in ("some text", "some file", a list of sample items)
 * becomes the sample's valid value; choices (enum, boolean) and compared literals stay as pinned.
 */
function realValue(value: unknown, field: Field | undefined, sampleValue: unknown): unknown {
  if (value === undefined) return undefined;
  if (PLACEHOLDERS.has(value)) return sampleValue ?? value;
  if (Array.isArray(value) && value.includes(SAMPLE_GROUND)) return sampleValue ?? [];
  if (field?.type === 'list' && Array.isArray(value)) {
    const base = Array.isArray(sampleValue) && isObj(sampleValue[0]) ? sampleValue[0] : {};
    return value.map((item) => (isObj(item) ? mergeItem(item, field.fields ?? [], base) : item));
  }
  if (field?.type === 'group' && isObj(value)) return mergeItem(value, field.fields ?? [], isObj(sampleValue) ? sampleValue : {});
  return value;
}

/** An object with the keys of `item`, valid values from `base` except for choices the item pins. */
function mergeItem(item: Obj, fields: readonly Field[], base: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(item)) {
    const f = fields.find((x) => x.id === k);
    out[k] = realValue(v, f, base[k]);
  }
  return out;
}

function getAt(data: unknown, segs: readonly string[]): unknown {
  let node = data;
  for (const s of segs) node = isObj(node) && Object.hasOwn(node, s) ? node[s] : undefined;
  return node;
}

function setAt(data: Obj, segs: readonly string[], value: unknown): void {
  let node = data;
  for (const s of segs.slice(0, -1)) {
    if (!isObj(node[s])) node[s] = {};
    node = node[s] as Obj;
  }
  const last = segs[segs.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = structuredClone(value);
}

/** Data for one path, or why there is none. */
export type PathPlan =
  | { readonly status: 'feasible'; readonly submission: Obj; readonly payloads: readonly (Obj | undefined)[] }
  /** No data can take this path: its guards contradict each other (proven). */
  | { readonly status: 'infeasible' }
  /** The search could not decide (a guard reads values it can only sample). */
  | { readonly status: 'undecided' };

/** Extra values to set: submission paths, and per step payload paths (e.g. the number of a licence to act on). */
export interface PathPins {
  readonly submission?: Readonly<Record<string, unknown>>;
  readonly payloads?: Readonly<Record<number, Readonly<Record<string, unknown>>>>;
}

/** Plans the data of `path` of `service`'s procedure. */
export function planPath(config: RegionConfig, service: ServiceFile, path: Path, pins: PathPins = {}): PathPlan {
  const procedure = config.procedures[service.procedure]!;
  const form = config.forms[service.form]!;
  const result = pathProblem(config, procedure, form, path.edges).solve();
  if (result.status === 'unsat') return result.proven ? { status: 'infeasible' } : { status: 'undecided' };
  if (result.status === 'unknown') return { status: 'undecided' };
  const forSubmission: Obj = { ...pins.submission };
  const forSteps: Obj[] = path.edges.map((_, k) => ({ ...pins.payloads?.[k] }));
  for (const [name, value] of Object.entries(result.assignment)) {
    const m = /^(submission|step\.(\d+))\.(.+)$/.exec(name);
    if (!m) continue;
    if (m[1] === 'submission') forSubmission[m[3]] = value;
    else forSteps[Number(m[2])][m[3]] = value;
  }
  const submission = fitForm(config, form, formSample(config, form.id), forSubmission, {}, 'submission');
  const data: Obj = {};
  const payloads = path.edges.map((edge, k) => {
    const payload = payloadForm(config, procedure, edge.event);
    if (!payload) return undefined;
    const value = fitForm(config, payload, formSample(config, payload.id, k + 2), forSteps[k], { submission, application: { data } }, 'payload');
    data[edge.event] = value;
    return value;
  });
  return { status: 'feasible', submission, payloads };
}
