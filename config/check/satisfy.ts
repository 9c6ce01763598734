/**
 * A small finite-domain search: is there data for which every constraint gives the wanted answer?
 * Variables are dotted paths into the data with a list of candidate values each (undefined = absent);
 * constraints are predicates over the data (usually rules). Backtracking checks each constraint as soon
 * as every variable it reads has a value. Used to prove guards cover every case, to tell which paths a
 * service deadline choice governs, and to choose test data that drives a path.
 */

export interface Variable {
  readonly name: string;
  readonly domain: readonly unknown[];
  /** True when the domain stands for every value a rule can tell apart (enum options, booleans, ...). */
  readonly exhaustive: boolean;
}

export interface Constraint {
  /** Names of the variables the constraint reads. */
  readonly reads: readonly string[];
  readonly test: (data: Record<string, unknown>) => boolean;
  readonly label: string;
}

export type Outcome =
  | { readonly status: 'sat'; readonly assignment: Readonly<Record<string, unknown>> }
  /** No data satisfies the constraints; `proven` when every domain was exhaustive. */
  | { readonly status: 'unsat'; readonly proven: boolean }
  /** The search gave up (budget). */
  | { readonly status: 'unknown' };

/** Sets `value` at dotted `name` in `target`, creating objects on the way; undefined leaves it absent. */
export function setPath(target: Record<string, unknown>, name: string, value: unknown): void {
  if (value === undefined) return;
  const segs = name.split('.');
  let node = target;
  for (const seg of segs.slice(0, -1)) {
    const next = node[seg];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[seg] = {};
    node = node[seg] as Record<string, unknown>;
  }
  const last = segs[segs.length - 1];
  const existing = node[last];
  // A whole-object value (a section read as such) keeps fields other variables set inside it.
  node[last] = existing !== null && typeof existing === 'object' && !Array.isArray(existing) && value !== null && typeof value === 'object' && !Array.isArray(value)
    ? { ...(value as object), ...(existing as object) }
    : structuredClone(value);
}

/** The data an assignment stands for. */
export function dataOf(assignment: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  // Shorter paths first, so a field set inside a whole-object value is kept.
  for (const name of Object.keys(assignment).sort((a, b) => a.split('.').length - b.split('.').length)) setPath(data, name, assignment[name]);
  return data;
}

/**
 * Searches for an assignment of `variables` under which every constraint's test is true. Constraints
 * that share no variable are solved apart: a contradiction among a few enum fields is then proven even
 * when another, unrelated part of the problem reads free text.
 */
export function satisfy(variables: readonly Variable[], constraints: readonly Constraint[], budget = 200_000): Outcome {
  const known = new Set(variables.map((v) => v.name));
  const parts = components(variables, constraints.map((c) => ({ ...c, reads: c.reads.filter((r) => known.has(r)) })));
  const assignment: Record<string, unknown> = {};
  let unknown = false;
  for (const part of parts) {
    const r = search(part.variables, part.constraints, budget);
    if (r.status === 'unsat') return r.proven ? r : { status: 'unsat', proven: provenByExhaustivePart(part.variables, part.constraints, budget) };
    if (r.status === 'unknown') unknown = true;
    else Object.assign(assignment, r.assignment);
  }
  return unknown ? { status: 'unknown' } : { status: 'sat', assignment };
}

/**
 * When a group with some sampled (not exhaustive) domains has no solution, the constraints that read only
 * exhaustive variables may already contradict each other; if so the contradiction is proven, since
 * dropping constraints can only add solutions.
 */
function provenByExhaustivePart(variables: readonly Variable[], constraints: readonly Constraint[], budget: number): boolean {
  const exhaustive = variables.filter((v) => v.exhaustive);
  const names = new Set(exhaustive.map((v) => v.name));
  const subset = constraints.filter((c) => c.reads.every((r) => names.has(r)));
  if (subset.length === 0) return false;
  const r = search(exhaustive, subset, budget);
  return r.status === 'unsat';
}

/** Groups of variables linked by constraints, each with its constraints (a constraint reading nothing forms its own group). */
function components(variables: readonly Variable[], constraints: readonly Constraint[]): { variables: Variable[]; constraints: Constraint[] }[] {
  const parent = new Map(variables.map((v) => [v.name, v.name]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const c of constraints) for (const r of c.reads.slice(1)) parent.set(find(r), find(c.reads[0]));
  const groups = new Map<string, { variables: Variable[]; constraints: Constraint[] }>();
  const group = (key: string) => groups.get(key) ?? groups.set(key, { variables: [], constraints: [] }).get(key)!;
  for (const v of variables) group(find(v.name)).variables.push(v);
  constraints.forEach((c, i) => group(c.reads.length ? find(c.reads[0]) : `\u0000${i}`).constraints.push(c));
  return [...groups.values()];
}

/** Backtracking over one group. */
function search(variables: readonly Variable[], constraints: readonly Constraint[], budget: number): Outcome {
  // Order: variables read by more constraints first, so failures show early.
  const weight = new Map<string, number>();
  for (const c of constraints) for (const r of c.reads) weight.set(r, (weight.get(r) ?? 0) + 1);
  const order = [...variables].sort((a, b) => (weight.get(b.name) ?? 0) - (weight.get(a.name) ?? 0) || a.name.localeCompare(b.name));
  const position = new Map(order.map((v, i) => [v.name, i]));
  // Each constraint is checked once its last variable (in search order) is set.
  const checkAt = order.map(() => [] as Constraint[]);
  const always: Constraint[] = [];
  for (const c of constraints) {
    const last = Math.max(-1, ...c.reads.map((r) => position.get(r) ?? -1));
    (last < 0 ? always : checkAt[last]).push(c);
  }
  const holds = (c: Constraint, assignment: Record<string, unknown>) => {
    try {
      return c.test(dataOf(assignment));
    } catch {
      return false;
    }
  };
  if (!always.every((c) => holds(c, {}))) return { status: 'unsat', proven: true };
  let nodes = 0;
  const assignment: Record<string, unknown> = {};
  const step = (i: number): boolean | 'budget' => {
    if (i === order.length) return true;
    const v = order[i];
    for (const value of v.domain) {
      if (++nodes > budget) return 'budget';
      assignment[v.name] = value;
      if (checkAt[i].every((c) => holds(c, assignment))) {
        const r = step(i + 1);
        if (r !== false) return r;
      }
    }
    delete assignment[v.name];
    return false;
  };
  const r = step(0);
  if (r === 'budget') return { status: 'unknown' };
  if (r) return { status: 'sat', assignment: { ...assignment } };
  return { status: 'unsat', proven: order.every((v) => v.exhaustive) };
}
