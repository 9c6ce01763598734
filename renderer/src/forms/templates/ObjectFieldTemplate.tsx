/**
 * An object of the form: the root (no frame: the page shows the form's title), a section (a fieldset
 * with its title as legend), a group of fields, or the fields of one list record.
 */
import { descriptionId, titleId, type ObjectFieldTemplateProps } from '@rjsf/utils';
import { contextOf } from '../formContext.ts';
import { ClauseNote } from './ClauseNote.tsx';
import { ConditionNote } from './ConditionNote.tsx';

export function ObjectFieldTemplate({ title, description, properties, fieldPathId, schema, registry }: ObjectFieldTemplateProps) {
  const depth = fieldPathId.path.length;
  const content = properties.map((p) => p.content);
  if (depth === 0) return <div className="form-root">{content}</div>;
  const { showClauses } = contextOf(registry.formContext);
  // A list record is titled by ArrayFieldItemTemplate ("Запись N"); rjsf's own "<list title>-N" is dropped.
  const listItem = typeof fieldPathId.path[depth - 1] === 'number';
  return (
    <fieldset className={depth === 1 ? 'form-section' : 'form-group'} id={fieldPathId.$id}>
      {title && !listItem && (
        <legend id={titleId(fieldPathId)}>
          {title} <ClauseNote schema={schema as Record<string, unknown>} show={showClauses} />
          <ConditionNote fieldPathId={fieldPathId} registry={registry} />
        </legend>
      )}
      {description && (
        <p className="section-description" id={descriptionId(fieldPathId)}>
          {description}
        </p>
      )}
      {content}
    </fieldset>
  );
}
