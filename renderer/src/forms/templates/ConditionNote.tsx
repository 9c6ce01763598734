/** When a conditional section or field is shown, in words (the coordinator's preview shows every part). */
import type { FieldPathId, Registry } from '@rjsf/utils';
import { conditionPath, contextOf } from '../formContext.ts';

export function ConditionNote({ fieldPathId, registry }: { fieldPathId: FieldPathId; registry: Registry }) {
  const note = contextOf(registry.formContext).conditionNotes[conditionPath(fieldPathId)];
  if (!note) return null;
  return <span className="condition-note">Показывается, если: {note}</span>;
}
