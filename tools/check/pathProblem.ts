/**
 * The data conditions of a walk through a procedure: at each step the guards tried before the edge
 * taken fail and the edge's own guard holds (the engine takes the first transition whose guard holds).
 */
import type { FormFile, ProcedureFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Edge } from './procedureGraph.ts';
import { RuleProblem, stepRename, type Rename } from './ruleProblem.ts';

/** The payload form an event carries, if any. */
export function payloadForm(config: RegionConfig, procedure: ProcedureFile, event: string): FormFile | undefined {
  const id = procedure.events[event]?.payload;
  return id ? config.forms[id] : undefined;
}

/**
 * A problem whose solutions are the data (submission and each step's payload, as `step.k`) that drive an
 * application along `edges`. `last`, when given, is one more step at index edges.length whose payload
 * namespace is declared but whose guards the caller adds.
 */
export function pathProblem(config: RegionConfig, procedure: ProcedureFile, submissionForm: FormFile | undefined, edges: readonly Edge[], last?: string): RuleProblem {
  const problem = new RuleProblem(config, submissionForm);
  const withPayload = (event: string) => procedure.events[event]?.payload !== undefined;
  const all = last ? withEvent(edges, last) : [...edges];
  const reached = milestonesReached(procedure, all);
  all.forEach((e, k) => problem.namespace(`step.${k}`, payloadForm(config, procedure, e.event), stepRename(all, k, withPayload, reached[k])));
  edges.forEach((e, k) => {
    const rename = stepRename(all, k, withPayload, reached[k]);
    for (const g of e.before) problem.rule(g, false, rename, `${e.from} ${e.event}: ${g}`);
    if (e.guard) problem.rule(e.guard, true, rename, `${e.from} ${e.event}: ${e.guard}`);
  });
  return problem;
}

/** How a witness names a path variable: the last step's data as `payload`, earlier ones as `application.data.EVENT`. */
export function displayName(name: string, events: readonly string[], lastIsPayload: boolean): string {
  const m = /^step\.(\d+)(\.(.*))?$/.exec(name);
  if (!m) return name;
  const k = Number(m[1]);
  const rest = m[3] ? `.${m[3]}` : '';
  return lastIsPayload && k === events.length - 1 ? `payload${rest}` : `application.data.${events[k]}${rest}`;
}

/** "a = 1, b = [x]" for the defined values of an assignment, at most `max` of them. */
export function describeAssignment(assignment: Readonly<Record<string, unknown>>, name: (n: string) => string, max = 4): string {
  const parts = Object.entries(assignment)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${name(k)} = ${typeof v === 'string' && v.startsWith('data:') ? '(a file)' : JSON.stringify(v)}`);
  const absent = Object.entries(assignment).filter(([, v]) => v === undefined).map(([k]) => `${name(k)} absent`);
  const all = [...parts, ...absent];
  return all.slice(0, max).join(', ') + (all.length > max ? ', ...' : '');
}

/** `edges` followed by a placeholder step sending `event` (a step whose guards are being examined). */
function withEvent(edges: readonly Edge[], event: string): Edge[] {
  return [...edges, { from: '', event, target: '', root: false, at: [], before: [], actions: [] }];
}

/** How rules read their data at the step after `edges` when it sends `event`. */
export function lastStepRename(procedure: ProcedureFile, edges: readonly Edge[], event: string): Rename {
  const all = withEvent(edges, event);
  return stepRename(all, edges.length, (e) => procedure.events[e]?.payload !== undefined, milestonesReached(procedure, all)[edges.length]);
}

/**
 * reached[k]: the milestones recorded when the k-th event of the walk is sent: registration, and each
 * milestone of the states entered so far (the first state, then every edge's target before k).
 */
export function milestonesReached(procedure: ProcedureFile, edges: readonly Edge[]): ReadonlySet<string>[] {
  const first = edges[0]?.from ? edges[0].from : procedure.initial;
  const seen = new Set<string>(['registration']);
  const record = (state: string) => {
    const m = procedure.states[state]?.milestone;
    if (m) seen.add(m);
  };
  record(first);
  return edges.map((e, k) => {
    if (k > 0) record(edges[k - 1]!.target);
    return new Set(seen);
  });
}
