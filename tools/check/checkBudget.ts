/**
 * Findings and the per-service report of the deadline budget (deadlineBudget.ts).
 *
 * Which total applies to which path: a service lists deadline choices, the first whose `when` holds for
 * the application form applies. A path whose own guards contradict each other (proven) can never be
 * taken and is held to none. Any other path is held to a choice unless the search (satisfy.ts) proves that no
 * data can both drive the application along the path and select that choice (e.g. the path with an
 * on-site assessment is guarded by the rule that also selects the longer total). When the search cannot
 * decide, the path is held to the choice: a budget is never reported as met when it might not be.
 */
import { createWorkingCalendar } from '../../engine/calendar/createWorkingCalendar.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ServiceFile } from '../../config/types/generated.ts';
import { limitOf, timePath, type PathTiming } from './deadlineBudget.ts';
import { pathProblem } from './pathProblem.ts';
import { PATH_CAP, pathsToFinal } from './procedureGraph.ts';
import type { FindingList, RegionSources } from './RegionSources.ts';
import { submissionOnly } from './ruleProblem.ts';

/** Registration day of the illustration dates: a Monday. */
export const REFERENCE_DATE = '2025-03-03';

export interface ChoiceBudget {
  readonly deadline: string;
  readonly when?: string;
  /** The total in working days after registration; null when it cannot be counted at registration. */
  readonly limit: number | null;
  readonly clause?: string;
  /** Paths held to this choice. */
  readonly paths: number;
  readonly worst?: {
    readonly states: readonly string[];
    readonly total: number;
    /** limit - total: spare days when positive, overrun when negative. */
    readonly spare: number | null;
    /** Worst due date and the limit's date for a registration on REFERENCE_DATE, as an illustration. */
    readonly dueDate: string;
    readonly limitDate: string | null;
  };
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

export function checkBudget(config: RegionConfig, src: RegionSources, out: FindingList): ServiceBudget[] {
  const calendar = createWorkingCalendar(config.calendar);
  const dateAt = (day: number) => calendar.addWorkingDays(REFERENCE_DATE, day).date;
  const reported = new Set<string>();
  const once = (key: string, f: () => void) => {
    if (!reported.has(key)) {
      reported.add(key);
      f();
    }
  };
  const budgets: ServiceBudget[] = [];

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
    const timings = paths.map((p) => timePath(config, procedure, p));
    for (const t of timings) {
      for (const issue of t.issues) {
        const state = procedure.states[issue.state];
        const at = src.where(pfile, ['states', issue.state], true);
        if (issue.kind === 'no-deadline') {
          once(`nd:${procedure.id}:${issue.state}`, () => out.warning('step-no-deadline', at, `step "${issue.state}" has no deadline; the budget cannot be proven`, state?.clause));
        } else if (issue.kind === 'anchor-unreached') {
          once(`au:${procedure.id}:${issue.state}`, () =>
            out.warning('deadline-anchor-unreached', src.where(pfile, ['states', issue.state, 'deadline']), `step "${issue.state}" counts its deadline from "${issue.anchor}", which no earlier step records on the path ${t.path.states.join(' → ')}; its due date would stay unknown`, state?.clause),
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

    const governed = governance(config, service, timings);
    const choices: ChoiceBudget[] = (service.deadline ?? []).map((choice, i) => {
      const d = config.deadlines[choice.use];
      const limit = d ? limitOf(d) : null;
      const base = { deadline: choice.use, ...(choice.when ? { when: choice.when } : {}), limit, ...(d?.clause ? { clause: d.clause } : {}) };
      if (!d) return { ...base, paths: 0 };
      if (limit === null) {
        out.error('service-deadline-anchor', src.where(sfile, ['deadline', i, 'use']), `the service total "${d.id}" counts from "${d.from}", which an application has not reached when it is registered; count it from registration`, d.clause);
      }
      const mine = timings.filter((_, p) => governed[p][i]);
      if (mine.length === 0) return { ...base, paths: 0 };
      const worst = mine.reduce((a, b) => (b.total > a.total ? b : a));
      const spare = limit === null ? null : limit - worst.total;
      if (spare !== null && spare < 0) overrun(worst, d.workingDays, limit!, d.clause, src.where(sfile, ['deadline', i]));
      return {
        ...base,
        paths: mine.length,
        worst: { states: worst.path.states, total: worst.total, spare, dueDate: dateAt(worst.total), limitDate: limit === null ? null : dateAt(limit) },
      };
    });
    const feasible = governed.filter((g) => g.some(Boolean)).length;
    budgets.push({ service: service.id, procedure: procedure.id, paths: paths.length, feasible, capped, choices });

    function overrun(worst: PathTiming, days: number, limit: number, clause: string | undefined, at: ReturnType<RegionSources['where']>) {
      const timed = worst.steps.filter((s) => s.deadline);
      const stepClauses = [...new Set(timed.map((s) => s.deadline!.clause).filter(Boolean))];
      const uncited = timed.filter((s) => !s.deadline!.clause).map((s) => s.state);
      const over = worst.total - limit;
      const head = `the worst path ${worst.path.states.join(' → ')} takes up to ${worst.total} working days by its steps' own deadlines, ${over} more than the service total of ${days} working days`;
      const message =
        clause && uncited.length === 0 && stepClauses.length > 0
          ? `${head}: the regulation's step limits (п. ${stepClauses.join('; ')}) cannot fit its own total (the clause below)`
          : `${head}${uncited.length ? `; steps ${uncited.join(', ')} cite no clause for their deadlines` : ''}`;
      out.warning('budget-overrun', at, message, clause);
    }
  }
  return budgets;
}

/**
 * governed[p][i]: whether path p may be held to deadline choice i — unless proven otherwise, yes. A
 * choice without `when` after earlier ones applies when all of those fail.
 */
function governance(config: RegionConfig, service: ServiceFile, timings: readonly PathTiming[]): boolean[][] {
  const procedure = config.procedures[service.procedure]!;
  const form = config.forms[service.form];
  const totals = service.deadline ?? [];
  const conditional = totals.some((c) => c.when);
  return timings.map((t) => {
    // A path no data can take (its guards contradict each other) is held to no total.
    const alone = pathProblem(config, procedure, form, t.path.edges).solve();
    if (alone.status === 'unsat' && alone.proven) return totals.map(() => false);
    return totals.map((_, i) => {
      if (!conditional) return i === 0;
      const problem = pathProblem(config, procedure, form, t.path.edges);
      totals.slice(0, i).forEach((c) => c.when && problem.rule(c.when, false, submissionOnly));
      const own = totals[i].when;
      if (own) problem.rule(own, true, submissionOnly);
      const r = problem.solve();
      return !(r.status === 'unsat' && r.proven);
    });
  });
}
