import type { RegionConfig } from '../../config/types/RegionConfig.ts';

/**
 * Which name a form's own data has in its rules: "submission" for a service's application form,
 * "payload" for a task form an event carries (procedures' `payload`).
 */
export function formDataRole(region: RegionConfig, formId: string): 'submission' | 'payload' {
  return Object.values(region.services).some((s) => s.form === formId) ? 'submission' : 'payload';
}
