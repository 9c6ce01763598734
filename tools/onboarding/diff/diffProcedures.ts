import type { Action, ProcedureFile, State, Transition } from '../../../config/types/generated.ts';
import type { RegionConfig } from '../../../config/types/RegionConfig.ts';
import { compare, compareRecords, list, unionKeys, type DiffEntry } from './DiffEntry.ts';

/** Procedures: steps added or removed, and per step its role, deadline, milestone and transitions; events and who sends them. */
export function diffProcedures(a: RegionConfig, b: RegionConfig, out: DiffEntry[]): void {
  compareRecords(out, 'procedures', a.procedures, b.procedures, {
    whole: (p) => `${p.title} (${Object.keys(p.states).length} steps)`,
    parts: () => [],
  });
  for (const id of Object.keys(a.procedures)) {
    const pb = b.procedures[id];
    if (pb) diffProcedure(id, a.procedures[id]!, pb, out);
  }
}

function diffProcedure(id: string, a: ProcedureFile, b: ProcedureFile, out: DiffEntry[]): void {
  compare(out, 'procedures', `${id} › initial step`, a.initial, b.initial);
  for (const name of unionKeys(a.events, b.events)) {
    compare(out, 'procedures', `${id} › event ${name}`, event(a, name), event(b, name));
  }
  for (const name of unionKeys(a.on ?? {}, b.on ?? {})) {
    compare(out, 'procedures', `${id} › any step › ${name}`, transitions(a.on?.[name]), transitions(b.on?.[name]));
  }
  compareRecords(out, 'procedures', a.states as Record<string, State>, b.states as Record<string, State>, {
    name: (s) => `${id} › ${s}`,
    whole: (s) => stateSummary(s),
    parts: (s) => [
      ['type', s.type ?? 'step'],
      ['role', s.role],
      ['deadline', s.deadline],
      ['milestone', s.milestone],
      ['outcome', s.outcome],
      ['entry', actions(s.entry)],
      ...Object.entries(s.on ?? {}).map(([e, t]) => [`on ${e}`, transitions(t)] as const),
    ],
  });
}

function event(p: ProcedureFile, name: string): string | undefined {
  const e = p.events[name];
  return e ? `roles ${e.roles.join(', ')}${e.payload ? `; form ${e.payload}` : ''}` : undefined;
}

/** "step: role expert, deadline expertise; CONCLUDE → signingGrant" */
function stateSummary(s: State): string {
  const bits = [s.type === 'final' ? `final${s.outcome ? ` (${s.outcome})` : ''}` : 'step'];
  if (s.role) bits.push(`role ${s.role}`);
  if (s.deadline) bits.push(`deadline ${s.deadline}`);
  const on = Object.entries(s.on ?? {}).map(([e, t]) => `${e} ${transitions(t)}`);
  return `${bits.join(', ')}${on.length ? `; ${on.join('; ')}` : ''}`;
}

/** "→ expertise if approved | → signingRefusal if rejected" */
function transitions(spec: Transition | Transition[] | undefined): string | undefined {
  if (!spec) return undefined;
  return (Array.isArray(spec) ? spec : [spec])
    .map((t) => `→ ${t.target}${t.guard ? ` if ${t.guard}` : ''}${t.actions?.length ? ` [${actions(t.actions)}]` : ''}`)
    .join(' | ');
}

function actions(list_: readonly Action[] | undefined): string | undefined {
  return list(list_?.map((a) => (a.params?.template ? `${a.type} ${a.params.template}` : a.type)));
}
