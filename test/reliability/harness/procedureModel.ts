/**
 * A procedure YAML read as plain data: which events each state accepts, their targets and roles. The
 * reliability tests drive load with it and check recorded histories against it, independently of the
 * engine's XState machine.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

type Transition = string | { target?: string } | readonly { target?: string }[];
interface ProcedureYaml {
  readonly initial: string;
  readonly events: Readonly<Record<string, { readonly roles?: readonly string[]; readonly payload?: string }>>;
  readonly on?: Readonly<Record<string, Transition>>;
  readonly states: Readonly<Record<string, { readonly type?: string; readonly on?: Readonly<Record<string, Transition>> }>>;
}

export class ProcedureModel {
  readonly #yaml: ProcedureYaml;

  constructor(file: string) {
    this.#yaml = parse(readFileSync(file, 'utf8')) as ProcedureYaml;
  }

  get initial(): string {
    return this.#yaml.initial;
  }

  isFinal(state: string): boolean {
    return this.#yaml.states[state]?.type === 'final';
  }

  /**
   * States `event` may lead to from `from`, or null when `from` does not accept it. A state's own
   * handler takes precedence over the procedure-wide one (as in XState); a final state accepts nothing.
   */
  targets(from: string, event: string): readonly string[] | null {
    const state = this.#yaml.states[from];
    if (!state || this.isFinal(from)) return null;
    const handler = own(state.on, event) ?? own(this.#yaml.on, event);
    if (handler === undefined) return null;
    const list = Array.isArray(handler) ? handler : [handler];
    // A transition without a target stays in the state.
    return list.map((t: string | { target?: string }) => (typeof t === 'string' ? t : (t.target ?? from)));
  }

  /** The events a state handles itself (the procedure's forward path, not the procedure-wide ones). */
  stepEvents(state: string): readonly string[] {
    return Object.keys(this.#yaml.states[state]?.on ?? {});
  }

  /** Procedure-wide events (e.g. withdrawal). */
  globalEvents(): readonly string[] {
    return Object.keys(this.#yaml.on ?? {});
  }

  roles(event: string): readonly string[] {
    return this.#yaml.events[event]?.roles ?? [];
  }
}

function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export interface HistoryEntryLike {
  readonly seq: number;
  readonly event: string;
  readonly from: string | null;
  readonly to: string;
}

/**
 * Why `history` is not a valid path through `model` from its start, or null when it is: the first
 * entry enters the initial state from nothing, each later one leaves the state the previous entered,
 * by an event that state accepts, into one of that event's targets; seq counts 1, 2, 3…
 */
export function invalidPath(model: ProcedureModel, history: readonly HistoryEntryLike[]): string | null {
  if (history.length === 0) return 'empty history';
  const first = history[0];
  if (first.from !== null || first.to !== model.initial) return `starts ${first.from} -> ${first.to}, not null -> ${model.initial}`;
  for (let i = 0; i < history.length; i++) {
    const entry = history[i];
    if (entry.seq !== i + 1) return `entry ${i} has seq ${entry.seq}`;
    if (i === 0) continue;
    const previous = history[i - 1];
    if (entry.from !== previous.to) return `entry ${i} leaves ${entry.from} but the previous entered ${previous.to}`;
    const targets = model.targets(entry.from, entry.event);
    if (targets === null) return `entry ${i}: ${entry.from} does not accept ${entry.event}`;
    if (!targets.includes(entry.to)) return `entry ${i}: ${entry.event} from ${entry.from} cannot lead to ${entry.to}`;
  }
  return null;
}
