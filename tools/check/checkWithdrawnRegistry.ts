/**
 * No final state may leave a registry change behind an application that reads as withdrawn: once a
 * step has issued, changed or ended a licence, the applicant's procedure-wide event (withdrawal, 3.1.5:
 * a root-level `on` event only applicant roles send) must no longer take the application to a final
 * state. Otherwise the licence stays active while the case reads «оставлено без рассмотрения».
 *
 * For every simple path on which a registry action runs and a later step sends such an event to a
 * final state, the search (pathProblem.ts, which knows the milestones the path has recorded and tries
 * every order of the dates a guard compares) must prove that the event's guards cannot hold there.
 */
import type { Action } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { describeAssignment, displayName, pathProblem } from './pathProblem.ts';
import { isFinal, pathsToFinal, type Edge } from './procedureGraph.ts';
import type { FindingList, RegionSources } from './RegionSources.ts';

const REGISTRY_ACTIONS = new Set(['issueLicence', 'amendLicence', 'terminateLicence']);
const VERB: Record<string, string> = { issueLicence: 'issues', amendLicence: 'changes', terminateLicence: 'ends' };

export function checkWithdrawnRegistry(config: RegionConfig, src: RegionSources, out: FindingList): void {
  const applicantOnly = (roles: readonly string[]) => roles.length > 0 && roles.every((r) => config.roles[r]?.applicant === true);
  for (const procedure of Object.values(config.procedures)) {
    const forms = Object.values(config.services).filter((s) => s.procedure === procedure.id).map((s) => config.forms[s.form]);
    if (forms.length === 0) continue;
    const withdrawing = (e: Edge) => e.root && isFinal(procedure, e.target) && applicantOnly(procedure.events[e.event]?.roles ?? []);
    if (!Object.keys(procedure.on ?? {}).some((ev) => applicantOnly(procedure.events[ev]?.roles ?? []))) continue;
    const registryOf = (e: Edge): Action[] => [...e.actions, ...(procedure.states[e.target]?.entry ?? [])].filter((a) => REGISTRY_ACTIONS.has(a.type));
    const reported = new Set<string>();
    const file = src.procedureFile(procedure.id);

    for (const path of pathsToFinal(procedure).paths) {
      const last = path.edges.length - 1;
      const exit = path.edges[last];
      if (!exit || !withdrawing(exit)) continue;
      const change = path.edges.slice(0, last).findIndex((e) => registryOf(e).length > 0);
      if (change < 0) continue;
      const key = `${exit.from}\u0000${exit.event}\u0000${exit.target}`;
      if (reported.has(key)) continue;
      for (const form of forms) {
        const result = pathProblem(config, procedure, form, path.edges).solve();
        if (result.status === 'unsat' && result.proven) continue;
        reported.add(key);
        const changed = path.edges[change]!;
        const actions = registryOf(changed).map((a) => `${VERB[a.type]} a licence (${a.type})`).join(', ');
        const outcome = procedure.states[exit.target]?.outcome;
        const events = path.edges.map((e) => e.event);
        const shown = result.status === 'sat' ? describeAssignment(result.assignment, (n) => displayName(n, events, false), 3) : '';
        const witness = result.status !== 'sat' ? ' (its guards cannot be proven to fail there)' : shown ? `, e.g. when ${shown}` : '';
        out.error(
          'registry-change-withdrawn',
          src.where(file, ['on', exit.event]),
          `after ${changed.event} in step "${changed.from}" ${actions}, ${exit.event} can still take the application from "${exit.from}" to the final state "${exit.target}"${outcome ? ` (outcome ${outcome})` : ''}${witness}: the registry would keep the change behind an application that reads as withdrawn; guard ${exit.event} so that it is refused once the change is made (e.g. by the milestone the deciding step records), and give the reason under the procedure's otherwise. Path: ${path.states.join(' → ')}`,
          procedure.events[exit.event]?.clause,
        );
        break;
      }
    }
  }
}
