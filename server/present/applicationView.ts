/** The API shape of an application: the engine's view without the internal workflow snapshot. */
import type { ApplicationRecord, ApplicationView, DueDate } from '../../engine/api.ts';

export interface ApplicationViewBody {
  readonly application: Omit<ApplicationRecord, 'snapshot'>;
  readonly step: ApplicationView['step'] & { readonly due: DueDate | null };
  readonly phases: ApplicationView['phases'];
  readonly suspended: ApplicationView['suspended'];
  readonly allowedEvents: ApplicationView['allowedEvents'];
}

export function presentView(view: ApplicationView): ApplicationViewBody {
  // The XState snapshot is persistence detail: clients must not come to depend on its shape.
  const { snapshot: _snapshot, ...application } = view.application;
  return { application, step: { ...view.step, due: view.application.stepDue }, phases: view.phases, suspended: view.suspended, allowedEvents: view.allowedEvents };
}
