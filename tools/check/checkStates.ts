/**
 * The shape of each procedure: every state reachable, every step able to move on and to finish, and
 * the procedure-wide (root `on`) events accepted in every step as declared.
 */
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { isFinal, reachable, transitionsOf } from './procedureGraph.ts';
import type { FindingList, RegionSources } from './RegionSources.ts';

export function checkStates(config: RegionConfig, src: RegionSources, out: FindingList): void {
  for (const procedure of Object.values(config.procedures)) {
    const file = src.procedureFile(procedure.id);
    const keyAt = (state: string) => src.where(file, ['states', state], true);
    const fromStart = reachable(procedure, procedure.initial);
    const rootEvents = Object.keys(procedure.on ?? {});

    for (const [id, state] of Object.entries(procedure.states)) {
      if (!state) continue;
      const final = state.type === 'final';
      if (!fromStart.has(id)) {
        out.error(
          'unreachable-state',
          keyAt(id),
          final
            ? `final state "${id}"${state.outcome ? ` (outcome ${state.outcome})` : ''} is reached by no path from the initial state "${procedure.initial}"`
            : `step "${id}" cannot be reached from the initial state "${procedure.initial}": no transition leads to it`,
          state.clause,
        );
      }
      if (final) continue;

      const own = Object.keys(state.on ?? {});
      if (own.length === 0) {
        out.error(
          'dead-end-state',
          keyAt(id),
          `step "${id}" accepts no event of its own, so an application there can never move on${rootEvents.length ? ` (it can only be ended by ${rootEvents.join(', ')})` : ''}`,
          state.clause,
        );
      } else if (fromStart.has(id)) {
        // Only the step's own transitions count: a procedure-wide withdrawal is not a way to finish the work.
        const onward = reachable(procedure, id, (e) => !e.root);
        if (![...onward].some((s) => isFinal(procedure, s))) {
          out.error(
            'no-way-to-finish',
            keyAt(id),
            `from step "${id}" no final state can be reached by the procedure's own transitions (only through ${[...onward].filter((s) => s !== id).join(', ') || 'itself'})`,
            state.clause,
          );
        }
      }

      // Procedure-wide events: a step's own handling of one sends it elsewhere.
      const transitions = transitionsOf(procedure, id);
      for (const event of rootEvents) {
        const rootTargets = new Set(listTargets(procedure.on?.[event]));
        const ownEdges = (transitions.get(event) ?? []).filter((e) => !e.root);
        const rootReached = (transitions.get(event) ?? []).some((e) => e.root);
        for (const e of ownEdges) {
          if (rootTargets.has(e.target) || e.clause) continue;
          out.warning(
            'root-event-shadowed',
            src.where(file, [...e.at]),
            `step "${id}" handles ${event} itself (to "${e.target}"${e.guard ? ` when ${e.guard} holds` : ''}), so the procedure-wide ${event} (to "${[...rootTargets].join('", "')}") ${rootReached ? 'applies here only when that guard fails' : 'never applies here'}; cite the clause that allows this on the transition if it is meant`,
            procedure.events[event]?.clause,
          );
        }
      }
    }
  }
}

function listTargets(spec: unknown): string[] {
  const list = Array.isArray(spec) ? spec : spec ? [spec] : [];
  return list.map((t) => (t as { target: string }).target);
}
