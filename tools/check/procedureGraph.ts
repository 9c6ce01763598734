/**
 * A procedure as a graph, with the engine's semantics (engine/workflow/buildMachine.ts): a non-final
 * state accepts its own transitions for an event first, then the procedure's root `on` for that event;
 * the first transition whose guard holds is taken; final states accept nothing.
 */
import type { Action, ProcedureFile, Transition } from '../../config/types/generated.ts';
import type { PathSegment } from '../../config/loader/yamlFile.ts';

/** One transition a state may take. */
export interface Edge {
  readonly from: string;
  readonly event: string;
  readonly target: string;
  readonly guard?: string;
  readonly clause?: string;
  /** True when the transition comes from the procedure's root `on`. */
  readonly root: boolean;
  /** YAML path of the transition in the procedure file. */
  readonly at: readonly PathSegment[];
  /** Guards of the transitions tried before this one for the same event in the same state: all must fail. */
  readonly before: readonly string[];
  readonly actions: readonly Action[];
}

/** A walk through the procedure: states[0] is where it starts; edges[i] leads from states[i] to states[i + 1]. */
export interface Path {
  readonly states: readonly string[];
  readonly edges: readonly Edge[];
}

export const isFinal = (procedure: ProcedureFile, state: string): boolean => procedure.states[state]?.type === 'final';

const listOf = (spec: Transition | Transition[] | undefined): Transition[] => (spec === undefined ? [] : Array.isArray(spec) ? spec : [spec]);

/**
 * The transitions of `state` by event, in the order the engine tries them. A transition after an
 * unguarded one can never be taken and is left out (the loader reports it within one list; a root
 * transition behind a state's unguarded one is what `check` calls shadowed).
 */
export function transitionsOf(procedure: ProcedureFile, state: string): Map<string, Edge[]> {
  const out = new Map<string, Edge[]>();
  const s = procedure.states[state];
  if (!s || s.type === 'final') return out;
  const add = (on: ProcedureFile['on'], root: boolean, base: PathSegment[]) => {
    for (const [event, spec] of Object.entries(on ?? {})) {
      const list = out.get(event) ?? [];
      const guards = list.map((e) => e.guard);
      listOf(spec).forEach((t, i) => {
        if (guards.some((g) => g === undefined)) return;
        list.push({
          from: state, event, target: t.target, root,
          at: Array.isArray(spec) ? [...base, event, i] : [...base, event],
          before: guards.filter((g): g is string => g !== undefined),
          actions: t.actions ?? [],
          ...(t.guard !== undefined ? { guard: t.guard } : {}),
          ...(t.clause !== undefined ? { clause: t.clause } : {}),
        });
        guards.push(t.guard);
      });
      out.set(event, list);
    }
  };
  add(s.on, false, ['states', state, 'on']);
  add(procedure.on, true, ['on']);
  return out;
}

/** Every transition of the procedure, state by state. */
export function edgesOf(procedure: ProcedureFile): Edge[] {
  return Object.keys(procedure.states).flatMap((s) => [...transitionsOf(procedure, s).values()].flat());
}

/** States reachable from `start` (itself included) along edges that pass `use`. */
export function reachable(procedure: ProcedureFile, start: string, use: (e: Edge) => boolean = () => true): Set<string> {
  const bySource = groupBySource(edgesOf(procedure).filter(use));
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const e of bySource.get(queue.shift()!) ?? []) {
      if (!seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  return seen;
}

/** The default cap on enumerated paths: beyond it a procedure is too tangled to prove by enumeration. */
export const PATH_CAP = 10_000;

/**
 * Every simple path (no state twice) from `from` that ends in a state `stop` accepts; the walk does not
 * continue past such a state. Stops after `cap` paths and says so.
 */
export function simplePaths(
  procedure: ProcedureFile,
  from: string,
  stop: (state: string) => boolean,
  cap = PATH_CAP,
): { paths: Path[]; capped: boolean } {
  const bySource = groupBySource(edgesOf(procedure));
  const paths: Path[] = [];
  let capped = false;
  const states = [from];
  const edges: Edge[] = [];
  const onPath = new Set([from]);
  const walk = (state: string): void => {
    if (capped) return;
    if (stop(state)) {
      if (paths.length >= cap) capped = true;
      else paths.push({ states: [...states], edges: [...edges] });
      return;
    }
    for (const e of bySource.get(state) ?? []) {
      if (onPath.has(e.target)) continue;
      onPath.add(e.target);
      states.push(e.target);
      edges.push(e);
      walk(e.target);
      edges.pop();
      states.pop();
      onPath.delete(e.target);
      if (capped) return;
    }
  };
  walk(from);
  return { paths, capped };
}

/** Every simple path from the initial state to a final state. */
export function pathsToFinal(procedure: ProcedureFile, cap = PATH_CAP): { paths: Path[]; capped: boolean } {
  return simplePaths(procedure, procedure.initial, (s) => isFinal(procedure, s), cap);
}

function groupBySource(edges: readonly Edge[]): Map<string, Edge[]> {
  const out = new Map<string, Edge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  return out;
}
