/** Data filled into a form, shown read-only in that same generated form (loaded by id). */
import type { CompiledForm } from '../api/types.ts';
import { GeneratedForm } from '../forms/GeneratedForm.tsx';
import type { Resource } from '../session/useResource.ts';
import { Loaded } from './Loaded.tsx';

export function FormData({ form, data, idPrefix, region }: { form: Resource<CompiledForm>; data: Record<string, unknown>; idPrefix: string; region?: string }) {
  return (
    <Loaded resource={form} what="Загрузка формы">
      {(compiled) => <GeneratedForm form={compiled} idPrefix={idPrefix} initialData={data} mode="view" region={region} />}
    </Loaded>
  );
}
