/**
 * A procedure's machine config (procedures/<id>.yaml) as mermaid `stateDiagram-v2` text: one box per
 * step with its title, one arrow per transition labelled with the event's title and, when guarded, the
 * rule's title ("…, если: …"); the procedure-wide transitions (root `on`) leave from one box standing
 * for every unfinished step. The current step, if given, is highlighted; final steps are marked.
 */
import type { ProcedureFile, Transition } from '../../../config/types/generated.ts';

export interface DiagramTitles {
  /** Rule id -> title, for guards. */
  readonly rule: (id: string) => string;
}

/** State ids become node ids with a prefix, so no id can clash with mermaid's keywords. */
const node = (stateId: string) => `s_${stateId.replace(/[^A-Za-z0-9_]/g, '_')}`;
const ANY = 's__any';

/** Text safe inside a mermaid label: characters the grammar reads are written as entity codes. */
export function label(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[#";:<>{}[\]]/g, (ch) => `#${ch.charCodeAt(0)};`);
}

const asList = (t: Transition | Transition[] | undefined): Transition[] => (t === undefined ? [] : Array.isArray(t) ? t : [t]);

function arrows(from: string, on: ProcedureFile['on'], procedure: ProcedureFile, titles: DiagramTitles): string[] {
  return Object.entries(on ?? {}).flatMap(([event, transitions]) =>
    asList(transitions).map((t) => {
      const eventTitle = procedure.events[event]?.title ?? event;
      const text = t.guard ? `${eventTitle}, если: ${titles.rule(t.guard)}` : eventTitle;
      return `  ${from} --> ${node(t.target)} : ${label(text)}`;
    }),
  );
}

export function procedureDiagram(procedure: ProcedureFile, titles: DiagramTitles, current?: string): string {
  const states = Object.entries(procedure.states);
  const finals = states.filter(([, s]) => s?.type === 'final').map(([id]) => node(id));
  const lines = ['stateDiagram-v2', `  accTitle: ${label(procedure.title)}`, `  accDescr: ${label(`Схема процедуры: этапов ${states.length}`)}`];
  for (const [id, state] of states) lines.push(`  state "${label(state?.title ?? id)}" as ${node(id)}`);
  lines.push(`  [*] --> ${node(procedure.initial)}`);
  for (const [id, state] of states) lines.push(...arrows(node(id), state?.on, procedure, titles));
  if (procedure.on && Object.keys(procedure.on).length > 0) {
    lines.push(`  state "${label('Любой незавершённый этап')}" as ${ANY}`);
    lines.push(...arrows(ANY, procedure.on, procedure, titles));
    lines.push('  classDef any fill:#ffffff,stroke:#535b66,stroke-dasharray:5 4');
    lines.push(`  class ${ANY} any`);
  }
  for (const id of finals) lines.push(`  ${id} --> [*]`);
  lines.push('  classDef final fill:#e3f1e6,stroke:#2f6b3a');
  lines.push('  classDef current fill:#ffe08a,stroke:#8a4b00,stroke-width:3px,font-weight:bold');
  if (finals.length > 0) lines.push(`  class ${finals.join(',')} final`);
  if (current && Object.hasOwn(procedure.states, current)) lines.push(`  class ${node(current)} current`);
  return lines.join('\n');
}
