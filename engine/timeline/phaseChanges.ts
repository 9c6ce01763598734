import type { ProcedureFile } from '../../config/types/generated.ts';
import type { IsoDate, PhaseRecord } from '../api.ts';

/**
 * The phases after the application moves from `from` (null at filing) to `to` on `today`: an open phase
 * closes when `from` is one of its `to` steps, when `to` records its `until` milestone, or when `to` is
 * final; a phase opens when its `from` step is entered for the first time. Due dates are filled in
 * afterwards (timelineDues), so the new phases carry the old due or null.
 */
export function phaseChanges(procedure: ProcedureFile, phases: Readonly<Record<string, PhaseRecord>>, from: string | null, to: string, today: IsoDate): Record<string, PhaseRecord> {
  const out: Record<string, PhaseRecord> = { ...phases };
  const target = procedure.states[to];
  for (const phase of procedure.phases ?? []) {
    const current = Object.hasOwn(out, phase.id) ? out[phase.id] : undefined;
    if (current && current.closedOn === null) {
      const leaving = from !== null && (phase.to ?? ([] as string[])).includes(from);
      const reached = phase.until !== undefined && target?.milestone === phase.until;
      if (leaving || reached || target?.type === 'final') out[phase.id] = { ...current, closedOn: today };
    } else if (!current && phase.from === to && target?.type !== 'final') {
      out[phase.id] = { startedOn: today, due: null, closedOn: null };
    }
  }
  return out;
}
