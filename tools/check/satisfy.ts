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

/** Backtracking over one group, on one data object that each assignment changes in place and undoes. */
function search(variables: readonly Variable[], constraints: readonly Constraint[], budget: number): Outcome {
  const order = searchOrder(variables, constraints);
  const position = new Map(order.map((v, i) => [v.name, i]));
  // Each constraint is checked once its last variable (in search order) is set.
  const checkAt = order.map(() => [] as Constraint[]);
  const always: Constraint[] = [];
  for (const c of constraints) {
    const last = Math.max(-1, ...c.reads.map((r) => position.get(r) ?? -1));
    (last < 0 ? always : checkAt[last]).push(c);
  }
  const data: Record<string, unknown> = {};
  const holds = (c: Constraint) => {
    try {
      return c.test(data);
    } catch {
      return false;
    }
  };
  if (!always.every(holds)) return { status: 'unsat', proven: true };
  const segments = order.map((v) => v.name.split('.'));
  let nodes = 0;
  const assignment: Record<string, unknown> = {};
  const step = (i: number): boolean | 'budget' => {
    if (i === order.length) return true;
    const v = order[i];
    for (const value of v.domain) {
      if (++nodes > budget) return 'budget';
      assignment[v.name] = value;
      const undo = put(data, segments[i], value);
      if (checkAt[i].every(holds)) {
        const r = step(i + 1);
        if (r !== false) return r;
      }
      undo();
    }
    delete assignment[v.name];
    return false;
  };
  const r = step(0);
  if (r === 'budget') return { status: 'unknown' };
  if (r) return { status: 'sat', assignment: { ...assignment } };
  return { status: 'unsat', proven: order.every((v) => v.exhaustive) };
}

/**
 * Variables in the order that lets constraints be checked soonest: each next variable is the one that
 * completes the most constraints (then the one closest to completing some), smaller domains first.
 */
function searchOrder(variables: readonly Variable[], constraints: readonly Constraint[]): Variable[] {
  const left = new Map(variables.map((v) => [v.name, v]));
  const missing = constraints.map((c) => new Set(c.reads.filter((r) => left.has(r))));
  const order: Variable[] = [];
  while (left.size > 0) {
    let best: Variable | undefined;
    let bestScore = -Infinity;
    for (const v of left.values()) {
      let completes = 0;
      let closeness = 0;
      for (const m of missing) {
        if (!m.has(v.name)) continue;
        if (m.size === 1) completes++;
        else closeness += 1 / m.size;
      }
      const score = completes * 1000 + closeness * 10 - v.domain.length / 1000;
      if (score > bestScore || (score === bestScore && best && v.name < best.name)) {
        best = v;
        bestScore = score;
      }
    }
    order.push(best!);
    left.delete(best!.name);
    for (const m of missing) m.delete(best!.name);
  }
  return order;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Sets `value` at `segs` in `data` (creating objects on the way) and returns how to take it back.
 * A whole-object value is copied and keeps the fields other variables already set inside it.
 */
function put(data: Record<string, unknown>, segs: readonly string[], value: unknown): () => void {
  const created: [Record<string, unknown>, string][] = [];
  let node = data;
  for (const seg of segs.slice(0, -1)) {
    if (!isPlainObject(node[seg])) {
      if (Object.hasOwn(node, seg)) break; // a non-object is in the way (cannot happen with field variables)
      node[seg] = {};
      created.push([node, seg]);
    }
    node = node[seg] as Record<string, unknown>;
  }
  const last = segs[segs.length - 1];
  const had = Object.hasOwn(node, last);
  const previous = node[last];
  if (value === undefined) delete node[last];
  else node[last] = isPlainObject(value) ? { ...value, ...(isPlainObject(previous) ? previous : {}) } : value;
  return () => {
    if (had) node[last] = previous;
    else delete node[last];
    for (const [parent, key] of created.reverse()) if (isPlainObject(parent[key]) && Object.keys(parent[key] as object).length === 0) delete parent[key];
  };
}
