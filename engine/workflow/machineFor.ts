import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { buildMachine, type ProcedureMachine } from './buildMachine.ts';

/**
 * Built machines by config and procedure. A RegionConfig is frozen and loaded once per version (its
 * content hash), so keying on the object caches per (region version, procedure), and a version
 * nobody uses any more is released with its machines.
 */
const cache = new WeakMap<RegionConfig, Map<string, ProcedureMachine>>();

/** The machine of a procedure, built on first use for this config version. */
export function machineFor(region: RegionConfig, procedureId: string): ProcedureMachine {
  let machines = cache.get(region);
  if (!machines) cache.set(region, (machines = new Map()));
  let machine = machines.get(procedureId);
  if (!machine) machines.set(procedureId, (machine = buildMachine(region, procedureId)));
  return machine;
}
