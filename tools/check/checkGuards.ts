/**
 * Guards cover every case: when a step accepts an event only through guarded transitions, some guard
 * must hold for any data the event can carry, or the engine refuses the event and the application is
 * stuck until someone sends different data (which may be impossible).
 *
 * Proof, cheapest first: an unguarded transition at the end; a complementary pattern (== on every option
 * of a required enum, true/false on a required boolean, a rule and its negation); a search over every
 * value the forms allow in the step alone; and only when that finds a gap, the same search along every
 * simple path that reaches the step, since earlier guards often rule the gap out
 * (e.g. "approve" is only offered after the completeness check found nothing).
 */
import type { FormFile, ProcedureFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { formShape, resolve } from './dataShape.ts';
import { describeAssignment, displayName, lastStepRename, pathProblem, payloadForm } from './pathProblem.ts';
import { isFinal, reachable, simplePaths, transitionsOf, type Edge } from './procedureGraph.ts';
import type { FindingList, RegionSources } from './RegionSources.ts';
import { localRename, RuleProblem } from './ruleProblem.ts';
import { plainVar } from './ruleVars.ts';

const PREFIX_CAP = 2000;

export function checkGuards(config: RegionConfig, src: RegionSources, out: FindingList): void {
  for (const procedure of Object.values(config.procedures)) {
    const file = src.procedureFile(procedure.id);
    const services = Object.values(config.services).filter((s) => s.procedure === procedure.id);
    const forms: (FormFile | undefined)[] = services.length ? services.map((s) => config.forms[s.form]) : [undefined];
    const live = reachable(procedure, procedure.initial);
    for (const state of Object.keys(procedure.states)) {
      if (isFinal(procedure, state) || !live.has(state)) continue;
      for (const [event, edges] of transitionsOf(procedure, state)) {
        if (edges.length === 0 || edges.some((e) => !e.guard)) continue;
        // The author declared what happens when no guard holds: a deliberate refusal, not a gap.
        if (procedure.states[state]?.otherwise?.[event]) continue;
        if (edges.every((e) => e.root) && procedure.otherwise?.[event]) continue;
        const guards = edges.map((e) => e.guard!);
        const payload = payloadForm(config, procedure, event);
        if (complementary(config, guards, payload, forms)) continue;
        for (const form of forms) {
          const gap = findGap(config, procedure, state, event, guards, form);
          if (!gap) continue;
          const first = edges[0];
          const msg = gap.witness
            ? `event ${event} in state "${state}" may match no transition (guards ${guards.join(', ')} all fail, e.g. when ${gap.witness}) and would be refused`
            : `event ${event} in state "${state}" may match no transition: the guards ${guards.join(', ')} cannot be proven to cover every case, so the event may be refused; add an unguarded default`;
          out.error('guards-incomplete', src.where(file, first.root ? ['on', event] : ['states', state, 'on', event]), msg, procedure.states[state]?.clause ?? first.clause);
          break;
        }
      }
    }
  }
}

/** A case where every guard fails, or undefined when the guards are proven to cover every case. */
function findGap(config: RegionConfig, procedure: ProcedureFile, state: string, event: string, guards: readonly string[], form: FormFile | undefined): { witness?: string } | undefined {
  // The step alone: earlier events' data may be anything their forms allow.
  const local = new RuleProblem(config, form);
  local.namespace('payload', payloadForm(config, procedure, event), localRename);
  for (const [name, e] of Object.entries(procedure.events)) {
    if (e?.payload) local.namespace(`application.data.${name}`, config.forms[e.payload], localRename);
  }
  for (const g of guards) local.rule(g, false, localRename);
  const alone = local.solve();
  if (alone.status === 'unsat' && alone.proven) return undefined;

  // Along each simple path that reaches the step.
  const { paths, capped } = simplePaths(procedure, procedure.initial, (s) => s === state || isFinal(procedure, s), PREFIX_CAP);
  const prefixes = paths.filter((p) => p.states[p.states.length - 1] === state);
  let unproven = capped || alone.status === 'unknown';
  for (const prefix of prefixes) {
    const k = prefix.edges.length;
    const problem = pathProblem(config, procedure, form, prefix.edges, event);
    const rename = lastStepRename(procedure, prefix.edges, event);
    const read = new Set(guards.flatMap((g) => problem.rule(g, false, rename)));
    const result = problem.solve();
    if (result.status === 'sat') {
      const events = [...prefix.edges.map((e: Edge) => e.event), event];
      // What the guards read, the step's own payload first: it is what the officer would be sending.
      const rank = (n: string) => (n.startsWith(`step.${k}.`) ? 0 : 1);
      const shown = Object.entries(result.assignment).filter(([n]) => read.has(n)).sort(([a], [b]) => rank(a) - rank(b));
      return { witness: `${describeAssignment(Object.fromEntries(shown), (n) => displayName(n, events, true), 5)}${prefix.states.length > 1 ? ` after ${prefix.states.join(' → ')}` : ''}` };
    }
    if (result.status === 'unknown' || !result.proven) unproven = true;
  }
  return unproven ? {} : undefined;
}

/**
 * The common complementary patterns: one `==` per option of a required, always-shown enum (or true and
 * false of such a boolean) read by every guard; or two guards where one is the other negated.
 */
function complementary(config: RegionConfig, guards: readonly string[], payload: FormFile | undefined, forms: readonly (FormFile | undefined)[]): boolean {
  const logic = guards.map((g) => config.rules[g]?.when);
  if (logic.length === 2) {
    const [a, b] = logic;
    if (isNot(a, b) || isNot(b, a)) return true;
  }
  const compared = logic.map(equalsLiteral);
  if (compared.some((c) => c === undefined)) return false;
  const name = compared[0]!.name;
  if (!compared.every((c) => c!.name === name)) return false;
  const segs = name.split('.');
  const shapes = segs[0] === 'payload' ? [payload] : segs[0] === 'submission' ? forms : [];
  if (shapes.length === 0) return false;
  return shapes.every((form) => {
    if (!form) return false;
    const r = resolve(formShape(form), segs.slice(1));
    if (!r.ok || r.shape.kind !== 'value' || !r.shape.source?.field) return false;
    const { field, optional } = r.shape.source;
    if (optional) return false;
    const values = new Set(compared.map((c) => c!.value));
    if (field.type === 'enum') return (field.options ?? []).every((o) => values.has(o.value));
    if (field.type === 'boolean') return values.has(true) && values.has(false);
    return false;
  });
}

function isNot(a: unknown, b: unknown): boolean {
  return a !== null && typeof a === 'object' && '!' in a && JSON.stringify((a as { '!': unknown })['!']) === JSON.stringify(b);
}

function equalsLiteral(logic: unknown): { name: string; value: unknown } | undefined {
  if (logic === null || typeof logic !== 'object') return undefined;
  const args = (logic as Record<string, unknown>)['=='] ?? (logic as Record<string, unknown>)['==='];
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const [x, y] = args;
  const vx = plainVar(x);
  const vy = plainVar(y);
  if (vx !== undefined && vy === undefined && (typeof y !== 'object' || y === null)) return { name: vx, value: y };
  if (vy !== undefined && vx === undefined && (typeof x !== 'object' || x === null)) return { name: vy, value: x };
  return undefined;
}
