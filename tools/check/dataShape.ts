/**
 * The shape of the data a rule or a template reads: forms turned into a tree of objects, arrays and
 * values, so a dotted path can be checked without any data.
 */
import type { Field, FormFile, Section } from '../../config/types/generated.ts';

/** What a form element contributes to a path: its definition and the rules that show it. */
export interface ShapeSource {
  readonly form: string;
  readonly section?: Section;
  readonly field?: Field;
  /** visibleWhen rules of the section, enclosing groups and the field itself: all must hold for it to be shown. */
  readonly visibility: readonly string[];
  /** True when the value may be absent: not required, or inside an optional group. */
  readonly optional: boolean;
}

export type Shape =
  | { readonly kind: 'object'; readonly props: Readonly<Record<string, Shape>>; readonly source?: ShapeSource }
  | { readonly kind: 'array'; readonly item: Shape; readonly source?: ShapeSource }
  | { readonly kind: 'value'; readonly source?: ShapeSource }
  /** Anything may be read below this point (e.g. a free-form value). */
  | { readonly kind: 'any' };

export const ANY: Shape = { kind: 'any' };
export const VALUE: Shape = { kind: 'value' };
export const obj = (props: Record<string, Shape>): Shape => ({ kind: 'object', props });
export const arr = (item: Shape): Shape => ({ kind: 'array', item });

const shapes = new WeakMap<FormFile, Shape>();

/** The data a form produces: sections are the top-level keys, fields within them (cached per form). */
export function formShape(form: FormFile): Shape {
  let shape = shapes.get(form);
  if (!shape) shapes.set(form, (shape = buildFormShape(form)));
  return shape;
}

function buildFormShape(form: FormFile): Shape {
  const props: Record<string, Shape> = {};
  for (const section of form.sections) {
    const visibility = section.visibleWhen ? [section.visibleWhen] : [];
    props[section.id] = {
      kind: 'object',
      props: fieldsShape(form.id, section, section.fields, visibility, false),
      source: { form: form.id, section, visibility, optional: visibility.length > 0 },
    };
  }
  return { kind: 'object', props };
}

function fieldsShape(form: string, section: Section, fields: readonly Field[], outer: readonly string[], outerOptional: boolean): Record<string, Shape> {
  const props: Record<string, Shape> = {};
  for (const field of fields) {
    const visibility = field.visibleWhen ? [...outer, field.visibleWhen] : outer;
    const optional = outerOptional || !field.required || visibility.length > 0;
    const source: ShapeSource = { form, section, field, visibility, optional };
    const inner = (): Shape => ({ kind: 'object', props: fieldsShape(form, section, field.fields ?? [], visibility, optional), source });
    switch (field.type) {
      case 'group':
        props[field.id] = inner();
        break;
      case 'list':
        props[field.id] = { kind: 'array', item: inner(), source };
        break;
      case 'multiEnum':
      case 'grounds':
        props[field.id] = { kind: 'array', item: { kind: 'value', source }, source };
        break;
      default:
        props[field.id] = { kind: 'value', source };
    }
  }
  return props;
}

/** Result of following a path: the shape reached, or where the path left the data. */
export type Resolved =
  | { readonly ok: true; readonly shape: Shape }
  | { readonly ok: false; readonly failedAt: number; readonly known: readonly string[]; readonly reason: 'missing' | 'scalar' };

/**
 * Follows `segments` through `shape`. An array accepts an index, "[]" (any item, as a rule's
 * some/all/none reads it) or "length"; a plain value ends the path.
 */
export function resolve(shape: Shape, segments: readonly string[]): Resolved {
  let current = shape;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (current.kind === 'any') return { ok: true, shape: ANY };
    if (current.kind === 'object') {
      if (!Object.hasOwn(current.props, seg)) return { ok: false, failedAt: i, known: Object.keys(current.props), reason: 'missing' };
      current = current.props[seg];
    } else if (current.kind === 'array') {
      if (seg === 'length') current = VALUE;
      else if (seg === '[]' || /^\d+$/.test(seg)) current = current.item;
      else return { ok: false, failedAt: i, known: ['[index]', 'length'], reason: 'missing' };
    } else {
      return { ok: false, failedAt: i, known: [], reason: 'scalar' };
    }
  }
  return { ok: true, shape: current };
}

/** A sentence naming why `path` does not exist, for findings. */
export function describeMiss(path: readonly string[], r: Extract<Resolved, { ok: false }>, what: string): string {
  const reached = path.slice(0, r.failedAt).join('.') || what;
  if (r.reason === 'scalar') return `"${reached}" is a single value and has no "${path[r.failedAt]}"`;
  const known = r.known.length > 0 ? ` (it has: ${r.known.slice(0, 12).join(', ')}${r.known.length > 12 ? ', ...' : ''})` : '';
  return `"${reached}" has no "${path[r.failedAt]}"${known}`;
}

/** Merges shapes of the same data from several sources (e.g. the forms of two services a template serves): a key exists if any has it. */
export function unionShape(shapes: readonly Shape[]): Shape {
  if (shapes.length === 0) return ANY;
  if (shapes.length === 1) return shapes[0];
  if (shapes.some((s) => s.kind === 'any')) return ANY;
  if (shapes.every((s) => s.kind === 'object')) {
    const keys = new Set(shapes.flatMap((s) => Object.keys((s as { props: object }).props)));
    const props: Record<string, Shape> = {};
    for (const k of keys) {
      props[k] = unionShape(shapes.flatMap((s) => (s.kind === 'object' && Object.hasOwn(s.props, k) ? [s.props[k]] : [])));
    }
    return { kind: 'object', props };
  }
  if (shapes.every((s) => s.kind === 'array')) return arr(unionShape(shapes.map((s) => (s as { item: Shape }).item)));
  return shapes[0];
}
