/**
 * Data filled into a form (loaded by id), read-only: every answer as text that wraps, section by
 * section, attached files as download buttons.
 */
import type { CompiledForm } from '../api/types.ts';
import { AnswerList } from '../forms/AnswerList.tsx';
import { useSession } from '../session/SessionContext.tsx';
import type { Resource } from '../session/useResource.ts';
import { Loaded } from './Loaded.tsx';

export function FormData({ form, data, level = 3 }: { form: Resource<CompiledForm>; data: Record<string, unknown>; level?: 3 | 4 }) {
  const { token } = useSession();
  return (
    <Loaded resource={form} what="Загрузка формы">
      {(compiled) => <AnswerList form={compiled} data={data} token={token} level={level} />}
    </Loaded>
  );
}
