/** A repeatable list (`type: list`): its title, its records, and a button that adds one. */
import { buttonId, descriptionId, titleId, type ArrayFieldTemplateProps } from '@rjsf/utils';
import { contextOf } from '../formContext.ts';
import { ClauseNote } from './ClauseNote.tsx';
import { ConditionNote } from './ConditionNote.tsx';
import { RequiredMark } from './RequiredMark.tsx';

export function ArrayFieldTemplate({ title, schema, items, canAdd, onAddClick, disabled, readonly, required, fieldPathId, registry }: ArrayFieldTemplateProps) {
  const { showClauses } = contextOf(registry.formContext);
  const description = typeof schema.description === 'string' ? schema.description : null;
  return (
    <fieldset className="form-list" id={fieldPathId.$id}>
      <legend id={titleId(fieldPathId)}>
        {title}
        <RequiredMark required={required} /> <ClauseNote schema={schema as Record<string, unknown>} show={showClauses} />
          <ConditionNote fieldPathId={fieldPathId} registry={registry} />
      </legend>
      {description && (
        <p className="section-description" id={descriptionId(fieldPathId)}>
          {description}
        </p>
      )}
      {items.length === 0 && <p className="muted">Записей нет.</p>}
      {items}
      {canAdd && !readonly && (
        <button type="button" className="secondary" id={buttonId(fieldPathId, 'add')} onClick={onAddClick} disabled={disabled} aria-label={`Добавить запись: ${title}`}>
          Добавить запись
        </button>
      )}
    </fieldset>
  );
}
