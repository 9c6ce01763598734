/**
 * The deadline budget, proved: along every path from filing to a final state, the worst case of the
 * steps' own limits (each counted from what the regulation counts it from) against the service's total
 * and against every phase's limit (deadlineBudget.ts, on the shared walk). An overrun is an error unless
 * the region acknowledges it in YAML (`acknowledgeOverrun` with the clause and a reason); an
 * acknowledged one is still printed, as a warning.
 *
 * Which total applies to which path: a service lists deadline choices, the first whose `when` holds for
 * the application form applies. A path whose own guards contradict each other (proven) can never be
 * taken and is held to none. Any other path is held to a choice unless the search (satisfy.ts) proves that no
 * data can both drive the application along the path and select that choice (e.g. the path with an
 * on-site assessment is guarded by the rule that also selects the longer total). When the search cannot
 * decide, the path is held to the choice: a budget is never reported as met when it might not be.
 */
import { termText } from '../../config/dates/deadlineTerm.ts';
import type { Deadline, RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ProcedureFile, ServiceFile } from '../../config/types/generated.ts';
import { createWorkingCalendar } from '../../engine/calendar/createWorkingCalendar.ts';
import { ARRIVALS, limitOn, timePath, type Arrival, type PathTiming } from './deadlineBudget.ts';
import { pathProblem } from './pathProblem.ts';
import { PATH_CAP, pathsToFinal } from './procedureGraph.ts';
import type { FindingList, RegionSources, Where } from './RegionSources.ts';
import { submissionOnly } from './ruleProblem.ts';

/** Registration day of the illustration dates: a Monday. */
export const REFERENCE_DATE = '2025-03-03';

/** The worst path held to one limit. */
export interface WorstPath {
  readonly states: readonly string[];
  readonly arrival: Arrival;
  /** The day the path ends (the final state entered, or the phase closed), in working days after registration. */
  readonly end: number;
  /** The limit's day on that path, or null when it cannot be counted there. */
  readonly limit: number | null;
  /** limit - end: spare days when positive, overrun when negative; null when the limit cannot be counted. */
  readonly spare: number | null;
  /** The end and the limit as dates, for a registration on REFERENCE_DATE (a receipt the day before for arrival "earlier"). */
  readonly endDate: string;
  readonly limitDate: string | null;
}

export interface ChoiceBudget {
  readonly deadline: string;
  readonly when?: string;
  /** "35 working days". */
  readonly term: string;
  readonly from: string;
  readonly clause?: string;
  /** Paths held to this choice. */
  readonly paths: number;
  readonly worst?: WorstPath;
  readonly acknowledged?: { readonly clause: string; readonly reason: string };
}

export interface ServiceBudget {
  readonly service: string;
  readonly procedure: string;
  readonly paths: number;
  /** Paths some data can take (the others' guards are proven to contradict each other). */
  readonly feasible: number;
  readonly capped: boolean;
  readonly choices: readonly ChoiceBudget[];
}

export interface PhaseBudget {
  readonly procedure: string;
  readonly phase: string;
  readonly title: string;
  readonly term: string;
  readonly from: string;
  readonly clause: string;
  /** Feasible paths that go through the phase. */
  readonly paths: number;
  readonly worst?: WorstPath;
  readonly acknowledged?: { readonly clause: string; readonly reason: string };
}

export interface Budgets {
  readonly services: ServiceBudget[];
  readonly phases: PhaseBudget[];
}

export function checkBudget(config: RegionConfig, src: RegionSources, out: FindingList): Budgets {
  const calendar = createWorkingCalendar(config.calendar);
  const dateAt = (day: number) => (day >= 0 ? calendar.addWorkingDays(REFERENCE_DATE, day).date : '2025-03-02');
  const reported = new Set<string>();
  const once = (key: string, f: () => void) => {
    if (!reported.has(key)) {
      reported.add(key);
      f();
    }
  };
  const worstOf = (candidates: readonly { timing: PathTiming; end: number; limit: number | null }[]): WorstPath | undefined => {
    if (candidates.length === 0) return undefined;
    const spare = (c: (typeof candidates)[number]) => (c.limit === null ? Infinity : c.limit - c.end);
    const w = candidates.reduce((a, b) => (spare(b) < spare(a) || (spare(b) === spare(a) && b.end > a.end) ? b : a));
    return {
      states: w.timing.path.states,
      arrival: w.timing.arrival,
      end: w.end,
      limit: w.limit,
      spare: w.limit === null ? null : w.limit - w.end,
      endDate: dateAt(w.end),
      limitDate: w.limit === null ? null : dateAt(w.limit),
    };
  };
  const services: ServiceBudget[] = [];
  const phaseRuns = new Map<string, { timing: PathTiming; end: number; limit: number | null }[]>();
  const timedProcedures = new Set<string>();

  for (const service of Object.values(config.services)) {
    const procedure = config.procedures[service.procedure];
    if (!procedure) continue;
    const pfile = src.procedureFile(procedure.id);
    const sfile = src.serviceFile(service.id);
    const { paths, capped } = pathsToFinal(procedure);
    if (capped) {
      once(`cap:${procedure.id}`, () =>
        out.warning('budget-capped', src.where(pfile, ['initial']), `procedure "${procedure.id}" has more than ${PATH_CAP} simple paths; only the first ${PATH_CAP} were timed, so the budget is not proven`, procedure.clause),
      );
    }
    const timings = paths.map((p) => ARRIVALS.map((a) => timePath(config, procedure, p, a)));
    for (const t of timings.map((pair) => pair[0]!)) reportIssues(config, procedure, src, t, once, out);

    const governed = governance(config, service, timings.map((pair) => pair[0]!));
    const choices: ChoiceBudget[] = (service.deadline ?? []).map((choice, i) => {
      const d = config.deadlines[choice.use];
      const base = { deadline: choice.use, ...(choice.when ? { when: choice.when } : {}), term: d ? termText(d) : '?', from: d?.from ?? '?', ...(d?.clause ? { clause: d.clause } : {}), ...(choice.acknowledgeOverrun ? { acknowledged: choice.acknowledgeOverrun } : {}) };
      if (!d) return { ...base, paths: 0 };
      const mine = timings.filter((_, p) => governed[p]!.choices[i]);
      const worst = worstOf(mine.flat().map((timing) => ({ timing, end: timing.total, limit: limitOn(timing, d) })));
      if (worst?.spare !== null && worst !== undefined && worst.spare < 0) {
        overrun(out, src.where(sfile, ['deadline', i]), `the service total ${d.id} (${termText(d)} from ${d.from})`, d, worst, config, procedure, choice.acknowledgeOverrun);
      }
      return { ...base, paths: mine.length, ...(worst ? { worst } : {}) };
    });
    const feasible = governed.filter((g) => g.feasible).length;
    services.push({ service: service.id, procedure: procedure.id, paths: paths.length, feasible, capped, choices });

    // Phases are the procedure's: time them on the paths some data can take, once per procedure.
    if (timedProcedures.has(procedure.id)) continue;
    timedProcedures.add(procedure.id);
    timings.forEach((pair, p) => {
      if (!governed[p]!.feasible) return;
      for (const timing of pair) {
        for (const phase of timing.walk.phases) {
          const key = `${procedure.id}\u0000${phase.id}`;
          phaseRuns.set(key, [...(phaseRuns.get(key) ?? []), { timing, end: phase.end ?? timing.total, limit: phase.due }]);
        }
      }
    });
  }

  const phases: PhaseBudget[] = [];
  for (const procedure of Object.values(config.procedures)) {
    const pfile = src.procedureFile(procedure.id);
    (procedure.phases ?? []).forEach((phase, i) => {
      const d = config.deadlines[phase.deadline];
      const runs = phaseRuns.get(`${procedure.id}\u0000${phase.id}`) ?? [];
      const worst = worstOf(runs);
      if (d && worst?.spare !== null && worst !== undefined && worst.spare < 0) {
        overrun(out, src.where(pfile, ['phases', i]), `phase ${phase.id} (${termText(d)} from ${d.from})`, d, worst, config, procedure, phase.acknowledgeOverrun);
      }
      phases.push({
        procedure: procedure.id,
        phase: phase.id,
        title: phase.title,
        term: d ? termText(d) : '?',
        from: d?.from ?? '?',
        clause: phase.clause,
        paths: new Set(runs.map((r) => r.timing.path)).size,
        ...(worst ? { worst } : {}),
        ...(phase.acknowledgeOverrun ? { acknowledged: phase.acknowledgeOverrun } : {}),
      });
    });
  }
  return { services, phases };
}

/** An overrun: an error naming the path, the steps' clauses and the limit's, or a warning when the region acknowledged it. */
function overrun(
  out: FindingList,
  at: Where,
  what: string,
  limit: Deadline,
  worst: WorstPath,
  config: RegionConfig,
  procedure: ProcedureFile,
  acknowledged: { clause: string; reason: string } | undefined,
): void {
  const stepClauses = [
    ...new Set(
      worst.states
        .map((s) => procedure.states[s]?.deadline)
        .filter((id): id is string => id !== undefined)
        .map((id) => config.deadlines[id]?.clause)
        .filter((c): c is string => c !== undefined),
    ),
  ];
  const when = worst.arrival === 'earlier' ? 'for a filing received on a non-working day or after hours, ' : '';
  const message =
    `${when}the worst path ${worst.states.join(' → ')} takes up to ${worst.end} working days after registration by its steps' own limits` +
    `${stepClauses.length ? ` (п. ${stepClauses.join('; ')})` : ''}, ${-worst.spare!} more than ${what} allows (day ${worst.limit})`;
  if (acknowledged) out.warning('budget-overrun', at, `${message} — acknowledged (п. ${acknowledged.clause}): ${acknowledged.reason}`, limit.clause);
  else out.error('budget-overrun', at, `${message}; fix the limits, or acknowledge it with acknowledgeOverrun {clause, reason}`, limit.clause);
}

/** Issues of one timed path, each reported once per step. */
function reportIssues(config: RegionConfig, procedure: ProcedureFile, src: RegionSources, t: PathTiming, once: (key: string, f: () => void) => void, out: FindingList): void {
  const pfile = src.procedureFile(procedure.id);
  for (const issue of t.issues) {
    const state = procedure.states[issue.state];
    const at = src.where(pfile, ['states', issue.state], true);
    if (issue.kind === 'no-deadline') {
      once(`nd:${procedure.id}:${issue.state}`, () => out.warning('step-no-deadline', at, `step "${issue.state}" has no deadline; the budget cannot be proven`, state?.clause));
    } else if (issue.kind === 'field-anchor') {
      once(`fa:${procedure.id}:${issue.state}`, () =>
        out.warning('deadline-from-field', src.where(pfile, ['states', issue.state, 'deadline']), `step "${issue.state}" counts its deadline from ${issue.anchor}, a date written in a form, which no path can place; the budget counts the step as taking no time, so it is not proven`, state?.clause),
      );
    } else if (issue.kind === 'anchor-unreached') {
      once(`au:${procedure.id}:${issue.state}`, () =>
        out.error(
          'deadline-anchor-unreached',
          src.where(pfile, ['states', issue.state, 'deadline']),
          `step "${issue.state}" counts its deadline from "${issue.anchor}", which is not known when the step begins on the path ${t.path.states.join(' → ')}; its due date would stay unknown`,
          state?.clause,
        ),
      );
    } else {
      once(`bs:${procedure.id}:${issue.state}`, () =>
        out.warning(
          'deadline-before-start',
          src.where(pfile, ['states', issue.state, 'deadline']),
          `step "${issue.state}" is due on working day ${issue.due} after registration, but on the path ${t.path.states.join(' → ')} it may begin only on day ${issue.start}, already overdue`,
          config.deadlines[procedure.states[issue.state]!.deadline!]?.clause,
        ),
      );
    }
  }
}

/**
 * For each path: whether some data can take it (its guards are not proven to contradict each other), and
 * choices[i], whether it may be held to deadline choice i — unless proven otherwise, yes. A choice
 * without `when` after earlier ones applies when all of those fail.
 */
function governance(config: RegionConfig, service: ServiceFile, timings: readonly PathTiming[]): { feasible: boolean; choices: boolean[] }[] {
  const procedure = config.procedures[service.procedure]!;
  const form = config.forms[service.form];
  const totals = service.deadline ?? [];
  const conditional = totals.some((c) => c.when);
  return timings.map((t) => {
    // A path no data can take (its guards contradict each other) is held to no total.
    const alone = pathProblem(config, procedure, form, t.path.edges).solve();
    if (alone.status === 'unsat' && alone.proven) return { feasible: false, choices: totals.map(() => false) };
    const choices = totals.map((_, i) => {
      if (!conditional) return i === 0;
      const problem = pathProblem(config, procedure, form, t.path.edges);
      totals.slice(0, i).forEach((c) => c.when && problem.rule(c.when, false, submissionOnly));
      const own = totals[i]!.when;
      if (own) problem.rule(own, true, submissionOnly);
      const r = problem.solve();
      return !(r.status === 'unsat' && r.proven);
    });
    return { feasible: true, choices };
  });
}
