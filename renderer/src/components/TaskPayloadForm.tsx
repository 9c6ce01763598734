/** An event's task form (procedures' `payload`), loaded by id and generated; its rules may read the application too. */
import { useCallback } from 'react';
import { eventUploadUrl, getForm } from '../api/endpoints.ts';
import type { ApplicationBody } from '../api/types.ts';
import { GeneratedForm } from '../forms/GeneratedForm.tsx';
import { useResource } from '../session/useResource.ts';
import { Loaded } from './Loaded.tsx';

export interface TaskPayloadFormProps {
  readonly view: ApplicationBody;
  readonly formId: string;
  readonly label: string;
  readonly idPrefix: string;
  readonly send: (payload: Record<string, unknown>) => Promise<void>;
  /** The action: its task form's files are uploaded for it. */
  readonly event: string;
  readonly token: string;
}

export function TaskPayloadForm({ view, formId, label, idPrefix, send, event, token }: TaskPayloadFormProps) {
  const { application } = view;
  const uploadUrl = useCallback((field: string) => eventUploadUrl(application.id, event)(field), [application.id, event]);
  const form = useResource(() => getForm(application.region, formId), `${application.region}/${formId}`);
  return (
    <Loaded resource={form} what="Загрузка формы">
      {(compiled) => (
        <GeneratedForm
          form={compiled}
          region={application.region}
          idPrefix={idPrefix}
          submitLabel={label}
          ruleData={(payload) => ({ payload, submission: application.submission, application })}
          onSubmit={send}
          uploadUrl={uploadUrl}
          token={token}
        />
      )}
    </Loaded>
  );
}
