/** The data sent with one event, in the event's task form, read-only, folded away until opened. */
import { getForm } from '../api/endpoints.ts';
import { useResource } from '../session/useResource.ts';
import { FormData } from './FormData.tsx';

export function StepData({ region, formId, event, data, title }: { region: string; formId: string; event: string; data: Record<string, unknown>; title: string }) {
  const form = useResource(() => getForm(region, formId), `${region}/${formId}`);
  return (
    <details className="step-data">
      <summary>{title}</summary>
      <FormData form={form} data={data} level={4} />
    </details>
  );
}
