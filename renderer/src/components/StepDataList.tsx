/**
 * What the staff entered at each step (application.data: event -> task-form data), each shown in the
 * event's own task form, read-only, so whoever signs next sees the draft first.
 */
import type { ProcedureTitles } from '../api/procedureTitles.ts';
import type { ApplicationBody } from '../api/types.ts';
import { StepData } from './StepData.tsx';

export function StepDataList({ application, titles }: { application: ApplicationBody['application']; titles: ProcedureTitles }) {
  const procedure = titles.procedure;
  const entries = Object.entries(application.data).flatMap(([event, data]) => {
    const formId = procedure && Object.hasOwn(procedure.events, event) ? procedure.events[event]?.payload : undefined;
    return formId && data && typeof data === 'object' ? [{ event, formId, data: data as Record<string, unknown> }] : [];
  });
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="step-data-title">
      <h2 id="step-data-title">Сведения, внесённые на этапах</h2>
      {entries.map((e) => (
        <StepData key={e.event} region={application.region} formId={e.formId} event={e.event} data={e.data} title={titles.event(e.event)} />
      ))}
    </section>
  );
}
