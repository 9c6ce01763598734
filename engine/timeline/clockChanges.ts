import type { ProcedureFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { IsoDate, SuspensionRecord } from '../api.ts';
import { dueFrom } from '../calendar/dueDate.ts';
import type { WorkingCalendar } from '../calendar/WorkingCalendar.ts';

/** A transition's own clock changes (procedure `suspend` / `resume` on a transition), as the machine step reports them. */
export type ClockAction =
  | { readonly type: 'suspendClocks'; readonly params: { readonly deadlines: readonly string[]; readonly atMost?: string; readonly clause: string; readonly event: string } }
  | { readonly type: 'resumeClocks'; readonly params: { readonly deadlines: readonly string[] } };

/**
 * The suspensions after the application moves from `from` (null at filing) to `to` on `today`:
 * clocks a suspending step stopped run again when it is left, a transition's `resume` restarts the
 * clocks it names and its `suspend` stops others, a suspending step stops its clocks when entered
 * (re-entering it starts a new suspension), and a final state restarts every clock. Returns the new list
 * and which deadlines stopped and restarted, for the history.
 */
export function clockChanges(args: {
  readonly region: RegionConfig;
  readonly procedure: ProcedureFile;
  readonly from: string | null;
  readonly to: string;
  readonly today: IsoDate;
  readonly actions: readonly ClockAction[];
  readonly suspensions: readonly SuspensionRecord[];
  readonly calendar: WorkingCalendar;
}): { readonly suspensions: SuspensionRecord[]; readonly stopped: string[]; readonly restarted: string[] } {
  const { procedure, from, to, today } = args;
  const list: SuspensionRecord[] = [...args.suspensions];
  const stopped: string[] = [];
  const restarted: string[] = [];
  const resume = (i: number, deadlines: readonly string[]) => {
    const s = list[i];
    const ending = s.deadlines.filter((d) => deadlines.includes(d));
    if (ending.length === 0) return;
    restarted.push(...ending);
    const staying = s.deadlines.filter((d) => !deadlines.includes(d));
    list[i] = { ...s, deadlines: ending, resumedOn: today };
    if (staying.length > 0) list.push({ ...s, deadlines: staying });
  };
  const open = (by: string, deadlines: readonly string[], atMost: string | undefined, clause: string) => {
    const limit = atMost !== undefined && Object.hasOwn(args.region.deadlines, atMost) ? args.region.deadlines[atMost] : undefined;
    list.push({ deadlines: [...deadlines], since: today, until: limit ? dueFrom(limit, today, args.calendar).date : null, resumedOn: null, by, clause });
    stopped.push(...deadlines);
  };

  if (from !== null && procedure.states[from]?.suspends) {
    list.forEach((s, i) => s.resumedOn === null && s.by === `state:${from}` && resume(i, s.deadlines));
  }
  for (const action of args.actions) {
    if (action.type !== 'resumeClocks') continue;
    list.forEach((s, i) => s.resumedOn === null && resume(i, action.params.deadlines));
  }
  for (const action of args.actions) {
    if (action.type === 'suspendClocks') open(`event:${action.params.event}`, action.params.deadlines, action.params.atMost, action.params.clause);
  }
  const target = procedure.states[to];
  if (target?.type === 'final') {
    list.forEach((s, i) => s.resumedOn === null && resume(i, s.deadlines));
  } else if (target?.suspends) {
    open(`state:${to}`, target.suspends.deadlines, target.suspends.atMost, target.suspends.clause);
  }
  return { suspensions: list, stopped: [...new Set(stopped)], restarted: [...new Set(restarted)] };
}

/** The suspensions whose clocks stand on `today` (not resumed, and not past their limit). */
export function standing(suspensions: readonly SuspensionRecord[] | undefined, today: IsoDate): SuspensionRecord[] {
  return (suspensions ?? []).filter((s) => s.resumedOn === null && (s.until === null || today <= s.until));
}
