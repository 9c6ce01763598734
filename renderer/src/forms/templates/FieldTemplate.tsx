/**
 * One field: its label (a <legend> for a group of check-boxes or radio buttons), the input, the
 * errors right under it and the help text. Sections, groups and lists render their own fieldsets.
 */
import { getUiOptions, type FieldTemplateProps } from '@rjsf/utils';
import { contextOf } from '../formContext.ts';
import { ClauseNote } from './ClauseNote.tsx';
import { ConditionNote } from './ConditionNote.tsx';
import { RequiredMark } from './RequiredMark.tsx';

const GROUP_WIDGETS = new Set(['checkboxes', 'radio']);

export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, errors, help, description, rawDescription, rawHelp, rawErrors, hidden, required, displayLabel, schema, uiSchema, registry, fieldPathId } = props;
  if (hidden) return <div hidden>{children}</div>;
  const { showClauses } = contextOf(registry.formContext);
  const widget = String(getUiOptions(uiSchema).widget);
  // A file field is a list in the data but one control on the page.
  const container = schema.type === 'object' || (schema.type === 'array' && !GROUP_WIDGETS.has(widget) && widget !== 'attachments');
  if (container) {
    // Sections, groups and lists show their description themselves, inside their fieldset.
    return (
      <div className="field-container">
        {children}
        {errors}
      </div>
    );
  }
  // The compiler copies a field's description to ui:help; show it once.
  const extraDescription = rawDescription && rawDescription !== rawHelp ? description : null;
  const invalid = (rawErrors?.length ?? 0) > 0;
  const note = (
    <>
      <ClauseNote schema={schema as Record<string, unknown>} show={showClauses} />
      <ConditionNote fieldPathId={fieldPathId} registry={registry} />
    </>
  );

  if (GROUP_WIDGETS.has(String(getUiOptions(uiSchema).widget))) {
    return (
      <fieldset className={`field field-group${invalid ? ' field-invalid' : ''}`} id={`${id}__group`}>
        <legend>
          {label}
          <RequiredMark required={required} /> {note}
        </legend>
        {extraDescription}
        {children}
        {errors}
        {help}
      </fieldset>
    );
  }
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      {displayLabel && label ? (
        <label htmlFor={id}>
          {label}
          <RequiredMark required={required} /> {note}
        </label>
      ) : (
        note
      )}
      {displayLabel && extraDescription}
      {children}
      {errors}
      {help}
    </div>
  );
}
