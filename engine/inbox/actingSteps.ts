import type { RegionConfig } from '../../config/types/RegionConfig.ts';

/**
 * The steps a holder of `roles` acts on, in every service of the region: those whose responsible role
 * (`role:` of the state) is one of them, e.g. the head's signing steps. What the role's inbox shows by default.
 */
export function actingSteps(region: RegionConfig, roles: readonly string[]): { service: string; state: string }[] {
  const steps: { service: string; state: string }[] = [];
  for (const service of Object.values(region.services)) {
    const procedure = region.procedures[service.procedure];
    for (const [state, definition] of Object.entries(procedure?.states ?? {})) {
      if (definition?.role !== undefined && roles.includes(definition.role)) steps.push({ service: service.id, state });
    }
  }
  return steps;
}
