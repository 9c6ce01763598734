/**
 * Turns rules of a region into a search problem (satisfy.ts): which data makes a set of rules hold or
 * fail, with every value drawn from what the forms allow. Rules are read in a context: the application
 * form is `submission`; along a path, the payload of the k-th event is `step.k` and
 * `application.data.EVENT` is the latest earlier step that sent EVENT.
 */
import { evaluateLogic } from '../../engine/rules/evaluateLogic.ts';
import { jsonLogic } from '../../engine/rules/jsonLogic.ts';
import type { Field, FormFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { formShape, type Shape, type ShapeSource } from './dataShape.ts';
import type { Edge } from './procedureGraph.ts';
import { addDays } from '../../config/dates/isoDate.ts';
import { plainVar, renameReads, ruleReads, type VarRead } from './ruleVars.ts';
import { satisfy, type Constraint, type Outcome, type Variable } from './satisfy.ts';

/** A read that finds nothing: earlier events that were never sent, names outside the rule data. */
const ABSENT = 'absent';
/** Stands for an attached file where a rule tests a file field for presence; the form's sample reference replaces it. */
export const SAMPLE_FILE = 'attached file';
/** Stand-ins for "some value" of a field whose exact value no rule compares: test data replaces them with a valid one. */
export const SAMPLE_TEXT = 'x';
export const SAMPLE_DATE = '2025-03-03';
export const SAMPLE_GROUND = '\u0000ground';
export const PLACEHOLDERS: ReadonlySet<unknown> = new Set([SAMPLE_FILE, SAMPLE_TEXT, SAMPLE_DATE, SAMPLE_GROUND]);
/** Largest multiEnum whose every subset is tried. */
const MAX_SUBSET_OPTIONS = 5;

/** Where the names of one rule evaluation point. */
export type Rename = (name: string) => string;

/** The names of a rule evaluated on the application form alone (service deadline, fee, exemption choices). */
export const submissionOnly: Rename = (name) => (name === 'submission' || name.startsWith('submission.') ? name : `${ABSENT}.${name}`);

/**
 * The name of a time read (engine/timeline/timeFacts.ts) as a variable of the search, or undefined when
 * `name` reads no time. The event's moment and the due dates belong to step `k`; receipt and
 * registration are one pair for the whole path; a milestone is a date when `reached` has it, absent when
 * the path has not recorded it yet, and either when `reached` is unknown (a step looked at alone).
 */
function timeName(name: string, k: number | 'any', reached: ReadonlySet<string> | undefined): string | undefined {
  const segs = name.split('.');
  if (segs[0] === 'time' && segs.length === 2) return `time.${k}.${segs[1]}`;
  if (segs[0] !== 'application') return undefined;
  if (segs[1] === 'receivedOn' || segs[1] === 'registeredOn' || segs[1] === 'receivedAt') return segs.length === 2 ? `time.${segs[1]}` : undefined;
  if (segs[1] === 'milestones' && segs.length === 3) {
    if (!reached) return `time.maybe.milestones.${segs[2]}`;
    return reached.has(segs[2]!) ? `time.milestones.${segs[2]}` : `${ABSENT}.${name}`;
  }
  if (segs[1] === 'due' && segs.length >= 3) return `time.${k}.maybe.${segs.slice(2).join('.')}`;
  return undefined;
}

/**
 * The names of a rule evaluated at step `k` of a path (a guard of edges[k], or the visibleWhen of that
 * event's payload form): payload -> step.k, application.data.E -> the latest step before k that sent E,
 * time reads -> time variables of step k (`reached`: the milestones recorded before its event).
 */
export function stepRename(edges: readonly Edge[], k: number, withPayload: (event: string) => boolean, reached?: ReadonlySet<string>): Rename {
  return (name) => {
    const segs = name.split('.');
    if (segs[0] === 'submission') return name;
    const time = timeName(name, k, reached);
    if (time !== undefined) return time;
    if (segs[0] === 'payload') return ['step', String(k), ...segs.slice(1)].join('.');
    if (segs[0] === 'application' && segs[1] === 'data' && segs.length >= 3) {
      for (let j = k - 1; j >= 0; j--) {
        if (edges[j].event === segs[2] && withPayload(segs[2])) return ['step', String(j), ...segs.slice(3)].join('.');
      }
      return `${ABSENT}.${name}`;
    }
    return `${ABSENT}.${name}`;
  };
}

/**
 * The names of a rule evaluated in one state with no path behind it: the event's payload is `payload`,
 * earlier events' data may be anything their forms allow, or absent.
 */
export const localRename: Rename = (name) => {
  const segs = name.split('.');
  if (segs[0] === 'submission' || segs[0] === 'payload') return name;
  const time = timeName(name, 'any', undefined);
  if (time !== undefined) return time;
  if (segs[0] === 'application' && segs[1] === 'data' && segs.length >= 3) return name;
  return `${ABSENT}.${name}`;
};

/** A set of rules that must hold or fail together, over the forms of one service. */
export class RuleProblem {
  private readonly constraints: Constraint[] = [];
  private readonly variables = new Map<string, Variable>();
  private readonly literals = new Set<unknown>();
  /** Namespace prefix -> the form whose data it is (undefined: no form, every read is absent). */
  private readonly namespaces = new Map<string, FormFile | undefined>();
  private readonly shapes = new Map<string, Shape>();
  /** Visibility rules already added, so each is added once. */
  private readonly visibilityDone = new Set<string>();
  /** Whether every rule reads time only to compare dates with each other or test them for presence (then a few dates cover every case). */
  private timeOrderOnly = true;

  constructor(
    private readonly config: RegionConfig,
    /** The application form of the service. */
    submissionForm: FormFile | undefined,
  ) {
    this.namespaces.set('submission', submissionForm);
  }

  /** Declares that names under `prefix` (e.g. "step.3" or "payload") are the data of `form`, with the rename its own rules use. */
  namespace(prefix: string, form: FormFile | undefined, rename: Rename): void {
    this.namespaces.set(prefix, form);
    this.renames.set(prefix, rename);
  }
  private readonly renames = new Map<string, Rename>([['submission', submissionOnly]]);

  /** Adds: rule `ruleId`, read through `rename`, must give `holds`. Returns the variables it reads. */
  rule(ruleId: string, holds: boolean, rename: Rename, label = ruleId): string[] {
    const rule = this.config.rules[ruleId];
    if (!rule) return [];
    const { logic, reads: raw } = renamed(rule.when, rename);
    for (const l of literalsOf(rule.when)) this.literals.add(l);
    if (this.timeOrderOnly && !timeReadsOrderOnly(logic)) this.timeOrderOnly = false;
    const reads = this.readsOf(raw);
    this.constraints.push({
      reads,
      label: `${label}${holds ? '' : ' fails'}`,
      test: (data) => jsonLogic.truthy(evaluateLogic(logic, data)) === holds,
    });
    return reads;
  }

  /** Adds an arbitrary constraint over named variables. */
  constraint(c: Constraint): void {
    this.constraints.push(c);
  }

  /** Runs the search. */
  solve(budget?: number): Outcome {
    // Variables were registered lazily as reads appeared; their domains need every literal seen, and time
    // variables one distinct date each, so that every order among them can be tried.
    const times = [...this.variables.values()].filter((v) => (v as VariableWithKind).kind === 'time');
    const dates = times.map((_, i) => addDays(SAMPLE_DATE, i));
    const vars = [...this.variables.values()].map((v) => {
      if ((v as VariableWithKind).kind !== 'time') return this.withLiterals(v);
      const optional = v.name.includes('.maybe.') || v.name.startsWith('time.maybe.');
      return { name: v.name, domain: optional ? [...dates, undefined] : dates, exhaustive: this.timeOrderOnly };
    });
    return satisfy(vars, this.constraints, budget);
  }

  /** The variables read so far (for showing a witness). */
  variableNames(): string[] {
    return [...this.variables.keys()];
  }

  /** Variable names for the reads of renamed logic, registering each new field variable (and its visibility rules). */
  private readsOf(reads: readonly VarRead[]): string[] {
    const names = new Set<string>();
    for (const read of reads) {
      if (!read.known) continue;
      const v = this.variableFor(read.segments);
      if (v) names.add(v);
    }
    return [...names];
  }

  /** The field variable a read belongs to: the form field (value, multiEnum, list) the path reaches first. */
  private variableFor(segments: readonly string[]): string | undefined {
    const prefix = this.prefixOf(segments);
    if (prefix === undefined) return undefined;
    const form = this.namespaces.get(prefix);
    const rest = segments.slice(prefix.split('.').length);
    if (prefix === 'time') {
      const name = segments.join('.');
      if (!this.variables.has(name)) this.variables.set(name, { name, domain: [], exhaustive: true, kind: 'time' } as VariableWithKind);
      return name;
    }
    if (!form) return this.register(prefix, rest, undefined);
    let shape = this.shapeOf(form);
    const taken: string[] = [];
    for (const seg of rest) {
      if (shape.kind !== 'object') break;
      if (!Object.hasOwn(shape.props, seg)) return this.register(prefix, [...taken, seg], undefined);
      shape = shape.props[seg];
      taken.push(seg);
      if (shape.kind !== 'object') break;
    }
    return this.register(prefix, taken, shape);
  }

  private prefixOf(segments: readonly string[]): string | undefined {
    if (segments[0] === 'submission') return 'submission';
    if (segments[0] === 'time') return 'time';
    if (segments[0] === 'step' && segments.length >= 2) return `step.${segments[1]}`;
    if (segments[0] === 'payload') return 'payload';
    if (segments[0] === 'application' && segments[1] === 'data' && segments.length >= 3) return `application.data.${segments[2]}`;
    return undefined;
  }

  private shapeOf(form: FormFile): Shape {
    let s = this.shapes.get(form.id);
    if (!s) this.shapes.set(form.id, (s = formShape(form)));
    return s;
  }

  private register(prefix: string, path: readonly string[], shape: Shape | undefined): string {
    const name = [prefix, ...path].join('.');
    if (this.variables.has(name)) return name;
    if (!shape || shape.kind === 'any') {
      // An unknown field: always absent (the reference check reports the name).
      this.variables.set(name, { name, domain: [undefined], exhaustive: true });
      return name;
    }
    const source = 'source' in shape ? shape.source : undefined;
    let domain = domains.get(shape);
    if (!domain) domains.set(shape, (domain = baseDomain(shape, source)));
    this.variables.set(name, { name, ...domain });
    if (source) this.addVisibility(prefix, name, source);
    return name;
  }

  /** A field shown only when its rules hold must be absent otherwise, and present when required and shown. */
  private addVisibility(prefix: string, name: string, source: ShapeSource): void {
    if (source.visibility.length === 0 || this.visibilityDone.has(name)) return;
    this.visibilityDone.add(name);
    const rename = this.renames.get(prefix) ?? submissionOnly;
    const rules = source.visibility.map((id) => this.config.rules[id]).filter((r) => r !== undefined);
    const views = rules.map((r) => renamed(r!.when, rename));
    const logics = views.map((v) => v.logic);
    rules.forEach((r) => literalsOf(r!.when).forEach((l) => this.literals.add(l)));
    const reads = [...new Set([name, ...views.flatMap((v) => this.readsOf(v.reads))])];
    const required = source.field ? source.field.required === true : true;
    this.constraints.push({
      reads,
      label: `visibility of ${name}`,
      test: (data) => {
        const visible = logics.every((l) => jsonLogic.truthy(evaluateLogic(l, data)));
        const present = valueAt(data, name) !== undefined;
        return visible ? !required || present : !present;
      },
    });
  }

  private withLiterals(v: Variable): Variable {
    const extra = (v as VariableWithKind).kind;
    if (extra === 'string' || extra === 'number' || extra === 'date') {
      const lits = [...this.literals].filter((l) => (extra === 'number' ? typeof l === 'number' : typeof l === 'string'));
      const around = extra === 'number' ? lits.flatMap((l) => [(l as number) - 1, l, (l as number) + 1]) : lits;
      return { ...v, domain: [...new Set([...v.domain, ...around])] };
    }
    return v;
  }
}

type VariableWithKind = Variable & { kind?: 'string' | 'number' | 'date' | 'time' };

/** Operators under which a time read only compares or is tested for presence. */
const ORDER_OPS = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=', '!', '!!']);

/**
 * True when every time variable in `logic` is read directly by an order comparison (against other
 * variables only) or a presence test: then its exact date never matters, only how it orders against
 * the others, and one distinct date per variable tries every order.
 */
function timeReadsOrderOnly(logic: unknown): boolean {
  const isTime = (node: unknown) => {
    const name = plainVar(node);
    return name !== undefined && name.startsWith('time.');
  };
  const walk = (node: unknown, parent: string | undefined, siblings: readonly unknown[]): boolean => {
    if (Array.isArray(node)) return node.every((n) => walk(n, parent, node));
    if (node === null || typeof node !== 'object') return true;
    if (isTime(node)) return parent !== undefined && ORDER_OPS.has(parent) && siblings.every((s) => s === node || plainVar(s) !== undefined);
    const [op, arg] = Object.entries(node)[0] ?? [];
    if (op === undefined) return true;
    if (op === 'var') return true;
    return walk(arg, op, Array.isArray(arg) ? arg : [arg]);
  };
  return walk(logic, undefined, []);
}

/** Candidate values of a form field, and whether they cover every case a rule can tell apart. */
function baseDomain(shape: Shape, source: ShapeSource | undefined): { domain: unknown[]; exhaustive: boolean; kind?: VariableWithKind['kind'] } {
  const field: Field | undefined = source?.field;
  const maybe = (values: unknown[]) => (source?.optional !== false ? [...values, undefined] : values);
  if (!field) {
    // A whole section or group read as an object.
    return { domain: maybe([{}]), exhaustive: false };
  }
  if (field.const !== undefined) return { domain: maybe([field.const]), exhaustive: true };
  switch (field.type) {
    case 'enum':
      return { domain: maybe((field.options ?? []).map((o) => o.value)), exhaustive: true };
    case 'boolean':
      return { domain: maybe([true, false]), exhaustive: true };
    case 'multiEnum': {
      const values = (field.options ?? []).map((o) => o.value);
      const min = field.minItems ?? (field.required ? 1 : 0);
      const all = values.length <= MAX_SUBSET_OPTIONS;
      const subsets = all ? allSubsets(values) : [[], ...values.map((v) => [v]), values];
      return { domain: maybe(subsets.filter((s) => s.length >= min)), exhaustive: all };
    }
    case 'grounds':
      // Which grounds were chosen is read by documents, not by rules: one chosen ground stands for all.
      return { domain: maybe([[SAMPLE_GROUND]]), exhaustive: false };
    case 'file':
      return { domain: maybe([SAMPLE_FILE]), exhaustive: true };
    case 'integer':
    case 'number':
      return { domain: maybe([field.minimum ?? 0, field.maximum ?? 1]), exhaustive: false, kind: 'number' };
    case 'date':
      return { domain: maybe([SAMPLE_DATE]), exhaustive: false, kind: 'date' };
    case 'list':
    case 'group': {
      // An empty list, and one item with every field filled or only the required ones, so that
      // `some`/`all` over the items can come out either way.
      const inner = shape.kind === 'array' ? shape.item : shape;
      const samples = [sampleValue(inner, true), sampleValue(inner, false)];
      return { domain: maybe(shape.kind === 'array' ? [[], ...samples.map((x) => [x])] : samples), exhaustive: false };
    }
    default:
      return { domain: maybe([SAMPLE_TEXT]), exhaustive: false, kind: 'string' };
  }
}

/** A plain value of `shape`: every field filled (`full`) or only required ones. */
export function sampleValue(shape: Shape, full: boolean): unknown {
  if (shape.kind === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(shape.props)) {
      const optional = 'source' in v && v.source ? v.source.optional : false;
      if (!full && optional) continue;
      const value = sampleValue(v, full);
      if (value !== undefined) out[k] = value;
    }
    return out;
  }
  if (shape.kind === 'any') return undefined;
  if (shape.kind === 'array' && shape.source?.field?.type === 'list') return [sampleValue(shape.item, full)];
  const field = shape.source?.field;
  if (!field) return SAMPLE_TEXT;
  const d = baseDomain(shape, { ...shape.source!, optional: false }).domain;
  return d[0];
}

function allSubsets<T>(values: readonly T[]): T[][] {
  const out: T[][] = [[]];
  for (const v of values) for (const s of [...out]) out.push([...s, v]);
  return out.sort((a, b) => a.length - b.length);
}

/**
 * A rule with its names renamed, and what it reads: cached per rule and per renaming, since the same
 * guards are read the same way along many paths (and a new logic object would be validated again).
 */
interface Renamed {
  readonly logic: unknown;
  readonly reads: readonly VarRead[];
}
const renamings = new WeakMap<object, { names: string[]; byKey: Map<string, Renamed> }>();
function renamed(logic: unknown, rename: Rename): Renamed {
  if (logic === null || typeof logic !== 'object') return { logic, reads: [] };
  let entry = renamings.get(logic);
  if (!entry) {
    const names: string[] = [];
    renameReads(logic, (n) => (names.push(n), n));
    renamings.set(logic, (entry = { names, byKey: new Map() }));
  }
  const key = entry.names.map(rename).join('\u0000');
  let view = entry.byKey.get(key);
  if (!view) {
    const l = renameReads(logic, rename);
    entry.byKey.set(key, (view = { logic: l, reads: ruleReads(l) }));
  }
  return view;
}

const domains = new WeakMap<Shape, ReturnType<typeof baseDomain>>();
const literalCache = new WeakMap<object, unknown[]>();
/** Strings and numbers a rule compares with, cached per rule. */
function literalsOf(logic: unknown): readonly unknown[] {
  if (logic === null || typeof logic !== 'object') return [];
  let out = literalCache.get(logic);
  if (!out) {
    const set = new Set<unknown>();
    collectLiterals(logic, set);
    literalCache.set(logic, (out = [...set]));
  }
  return out;
}

function collectLiterals(node: unknown, into: Set<unknown>): void {
  if (Array.isArray(node)) node.forEach((n) => collectLiterals(n, into));
  else if (node !== null && typeof node === 'object') {
    for (const [op, arg] of Object.entries(node)) if (op !== 'var') collectLiterals(arg, into);
  } else if (typeof node === 'string' || typeof node === 'number') into.add(node);
}

function valueAt(data: unknown, name: string): unknown {
  let node = data;
  for (const seg of name.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, seg)) return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}
