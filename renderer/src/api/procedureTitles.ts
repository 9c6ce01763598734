/** Titles of a service's steps, events and roles, looked up in the region configuration by id. */
import type { ProcedureFile } from '../../../config/types/generated.ts';
import type { RegionConfigView } from './types.ts';

export interface ProcedureTitles {
  readonly procedure: ProcedureFile | null;
  state(id: string): string;
  event(id: string): string;
  role(id: string): string;
}

/** Looks titles up for `serviceId`; an id missing from the config (e.g. from an older version) is shown as it is. */
export function procedureTitles(config: RegionConfigView | undefined, serviceId: string): ProcedureTitles {
  const service = config?.services.find((s) => s.id === serviceId);
  const procedure = (service && config?.procedures.find((p) => p.id === service.procedure)) ?? null;
  return {
    procedure,
    state: (id) => (procedure && Object.hasOwn(procedure.states, id) ? (procedure.states[id]?.title ?? id) : id),
    event: (id) => (procedure && Object.hasOwn(procedure.events, id) ? (procedure.events[id]?.title ?? id) : id),
    role: (id) => config?.roles.find((r) => r.id === id)?.title ?? id,
  };
}
