import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { IsoDate, ReportFact } from '../api.ts';
import { localDate } from '../calendar/localDate.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';
import { percentile } from './percentile.ts';
import type { Reports, StepCount, StepTime } from './Reports.ts';

/**
 * The region's reports from its applications as the store holds them (no second source of truth):
 * - open cases by step; overdue open cases (step due date passed on `today`) by step and by holder;
 * - for every step, the finished visits (entered by one move, left by the next), their working days
 *   (working days after the day entered up to the day left, region time) as median and 90th
 *   percentile, against the step's limit;
 * - per month: applications received, and applications that reached a final step.
 * Titles come from the region's current config; a step a newer config no longer has shows its id.
 */
export function buildReports(region: RegionConfig, facts: readonly ReportFact[], today: IsoDate, calendar: WorkingCalendar): Reports {
  const tz = region.region.timezone;
  const titles = (service: string, state: string) => {
    const s = region.services[service];
    const procedure = s ? region.procedures[s.procedure] : undefined;
    return { service, serviceTitle: s?.title ?? service, state, stepTitle: procedure?.states[state]?.title ?? state };
  };
  const isFinal = (service: string, state: string) => {
    const s = region.services[service];
    return s ? region.procedures[s.procedure]?.states[state]?.type === 'final' : false;
  };

  const open = new Map<string, number>();
  const overdue = new Map<string, number>();
  const byOfficer = new Map<string, { userId: string | null; name: string; count: number }>();
  const spent = new Map<string, number[]>();
  const months = new Map<string, { filed: number; decided: number }>();
  const month = (date: IsoDate) => {
    const key = date.slice(0, 7);
    let m = months.get(key);
    if (!m) months.set(key, (m = { filed: 0, decided: 0 }));
    return m;
  };
  const key = (service: string, state: string) => `${service}\u0000${state}`;

  for (const fact of facts) {
    month(localDate(new Date(fact.receivedAt), tz)).filed++;
    if (!fact.final) {
      bump(open, key(fact.service, fact.state));
      if (fact.stepDue !== null && fact.stepDue.date < today) {
        bump(overdue, key(fact.service, fact.state));
        const holder = fact.assignee?.userId ?? null;
        const entry = byOfficer.get(holder ?? '') ?? { userId: holder, name: fact.assignee?.name ?? 'Не назначено', count: 0 };
        entry.count++;
        byOfficer.set(holder ?? '', entry);
      }
    }
    const moves = [...fact.moves].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    for (let i = 0; i < moves.length; i++) {
      const move = moves[i];
      if (isFinal(fact.service, move.to) && move.from !== move.to) month(localDate(new Date(move.at), tz)).decided++;
      const next = moves[i + 1];
      if (!next || next.from !== move.to) continue;
      const days = calendar.countWorkingDays(localDate(new Date(move.at), tz), localDate(new Date(next.at), tz));
      const k = key(fact.service, move.to);
      spent.set(k, [...(spent.get(k) ?? []), days]);
    }
  }

  const counts = (map: Map<string, number>): StepCount[] =>
    [...map.entries()].map(([k, count]) => ({ ...titles(...(k.split('\u0000') as [string, string])), count })).sort(byServiceAndCount);
  const stepTimes: StepTime[] = [...spent.entries()]
    .map(([k, days]) => {
      const [service, state] = k.split('\u0000') as [string, string];
      const s = region.services[service];
      const deadlineId = s ? region.procedures[s.procedure]?.states[state]?.deadline : undefined;
      const deadline = deadlineId !== undefined && Object.hasOwn(region.deadlines, deadlineId) ? region.deadlines[deadlineId] : undefined;
      // A limit in working days, compared with the working days spent (a limit in calendar days is not compared).
      const limit = deadline?.workingDays ?? null;
      const fromStart = deadline?.from === 'stepStart' && limit !== null;
      return {
        ...titles(service, state),
        visits: days.length,
        median: percentile(days, 50)!,
        p90: percentile(days, 90)!,
        limit,
        limitFrom: limit === null ? null : (deadline?.from ?? null),
        overLimit: fromStart ? days.filter((d) => d > limit!).length : null,
      };
    })
    .sort((a, b) => a.serviceTitle.localeCompare(b.serviceTitle, 'ru') || stepOrder(region, a.service, a.state) - stepOrder(region, b.service, b.state));

  return {
    region: region.id,
    today,
    openByStep: counts(open),
    overdueByStep: counts(overdue),
    overdueByOfficer: [...byOfficer.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'ru')),
    stepTimes,
    perMonth: [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([m, v]) => ({ month: m, ...v })),
  };
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

const byServiceAndCount = (a: StepCount, b: StepCount) => a.serviceTitle.localeCompare(b.serviceTitle, 'ru') || b.count - a.count || a.stepTitle.localeCompare(b.stepTitle, 'ru');

/** Position of a step in its procedure file, so step tables read in the procedure's order. */
function stepOrder(region: RegionConfig, service: string, state: string): number {
  const s = region.services[service];
  const states = Object.keys(s ? (region.procedures[s.procedure]?.states ?? {}) : {});
  const i = states.indexOf(state);
  return i < 0 ? states.length : i;
}
