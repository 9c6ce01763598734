/**
 * The conditional parts of a compiled form (`conditions`: path -> rule id, `rules`: rule id -> JSON
 * Logic). The rules are evaluated with the engine's own hardened JSON Logic, so the browser shows
 * exactly the parts the server expects. Hidden parts are cut out of the schema shown and their data is
 * dropped, so it is never sent.
 */
import type { RuleData } from '../../../engine/rules/RuleData.ts';
import { evaluateLogic } from '../../../engine/rules/evaluateLogic.ts';
import { jsonLogic } from '../../../engine/rules/jsonLogic.ts';
import type { CompiledForm } from '../api/types.ts';

type Json = Record<string, unknown>;

/** Condition path ("section", "section.field", "section.list.*.field") -> shown now. */
export type Visibility = Readonly<Record<string, boolean>>;

function holds(form: CompiledForm, ruleId: string, data: RuleData): boolean {
  try {
    return jsonLogic.truthy(evaluateLogic(form.rules[ruleId], data));
  } catch {
    // A rule that cannot be evaluated on half-filled data shows nothing rather than break the form.
    return false;
  }
}

export function visibilityOf(form: CompiledForm, data: RuleData): Visibility {
  return Object.fromEntries(Object.entries(form.conditions).map(([path, ruleId]) => [path, holds(form, ruleId, data)]));
}

/** Calls `visit(parent, key)` for every object holding the last key of `path`, stepping into all items at "*". */
function eachParent(node: unknown, path: readonly string[], visit: (parent: Json, key: string) => void): void {
  if (node === null || typeof node !== 'object') return;
  const [head, ...rest] = path;
  if (rest.length === 0) {
    visit(node as Json, head);
    return;
  }
  if (head === '*') {
    if (Array.isArray(node)) for (const item of node) eachParent(item, rest, visit);
    return;
  }
  if (Object.hasOwn(node, head)) eachParent((node as Json)[head], rest, visit);
}

/** The data with every hidden part removed (a copy). */
export function withoutHidden<T>(data: T, visibility: Visibility): T {
  const copy = structuredClone(data);
  for (const [path, shown] of Object.entries(visibility)) {
    if (!shown) eachParent(copy, path.split('.'), (parent, key) => delete parent[key]);
  }
  return copy;
}

/** Schema node at a condition path, stepping through `properties` and, at "*", `items`. */
function schemaParent(schema: Json, path: readonly string[]): Json | undefined {
  let node: Json | undefined = schema;
  for (const key of path.slice(0, -1)) {
    if (!node) return undefined;
    node = key === '*' ? (node.items as Json | undefined) : ((node.properties as Json | undefined)?.[key] as Json | undefined);
  }
  return node;
}

/**
 * The schema to show: hidden parts removed; a conditional section that is shown becomes required, and so
 * does a shown conditional field marked x-requiredWhenShown, as the server requires them while their rule
 * holds (engine/forms/compileForm.ts, visibilityErrors.ts).
 */
export function visibleSchema(schema: Json, visibility: Visibility): Json {
  const copy = structuredClone(schema);
  for (const [path, shown] of Object.entries(visibility)) {
    const keys = path.split('.');
    const parent = schemaParent(copy, keys);
    const key = keys[keys.length - 1];
    const properties = parent?.properties as Json | undefined;
    if (!parent || !properties) continue;
    const required = (parent.required as string[] | undefined) ?? [];
    if (!shown) {
      delete properties[key];
      parent.required = required.filter((r) => r !== key);
    } else if ((keys.length === 1 || (properties[key] as Json | undefined)?.['x-requiredWhenShown'] === true) && !required.includes(key)) {
      parent.required = [...required, key];
    }
  }
  return copy;
}

/**
 * Drops hidden data until nothing changes: a part hidden now may have held the value that showed
 * another part. Returns the data to keep and the visibility it was cut by.
 */
export function settle<T>(form: CompiledForm, data: T, ruleData: (data: T) => RuleData): { data: T; visibility: Visibility } {
  let current = data;
  let visibility = visibilityOf(form, ruleData(current));
  for (let round = 0; round < 5; round++) {
    const next = withoutHidden(current, visibility);
    const nextVisibility = visibilityOf(form, ruleData(next));
    current = next;
    if (JSON.stringify(nextVisibility) === JSON.stringify(visibility)) break;
    visibility = nextVisibility;
  }
  return { data: current, visibility };
}

/**
 * For showing stored data read-only: a conditional part is shown exactly when the data holds it (the
 * server accepted the data with its rules at the time; the rules are not evaluated again).
 */
export function presentParts(form: CompiledForm, data: unknown): Visibility {
  return Object.fromEntries(
    Object.keys(form.conditions).map((path) => {
      let found = false;
      eachParent(data, path.split('.'), (parent, key) => {
        if (Object.hasOwn(parent, key) && parent[key] !== undefined) found = true;
      });
      return [path, found];
    }),
  );
}

/**
 * For showing stored data read-only: a part marked x-internal (the authority's working data, which the
 * server leaves out of what an applicant reads) is dropped from the schema when the data lacks it, so
 * the applicant does not see an empty field that was never theirs to see.
 */
export function withoutAbsentInternal(schema: Json, data: unknown): Json {
  const properties = schema.properties as Json | undefined;
  if (!properties) return schema;
  const value = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Json) : {};
  const kept: Json = {};
  for (const [key, child] of Object.entries(properties)) {
    const node = child as Json;
    if (node['x-internal'] === true && !Object.hasOwn(value, key)) continue;
    kept[key] = node.type === 'object' ? withoutAbsentInternal(node, value[key]) : node;
  }
  const required = (schema.required as string[] | undefined)?.filter((key) => Object.hasOwn(kept, key));
  return { ...schema, properties: kept, ...(required && { required }) };
}
