/** A field's help text (its description in the form's YAML), referenced by the input's aria-describedby. */
import { helpId, type FieldHelpProps } from '@rjsf/utils';

export function FieldHelpTemplate({ help, fieldPathId }: FieldHelpProps) {
  if (!help) return null;
  return (
    <p id={helpId(fieldPathId)} className="field-help">
      {help}
    </p>
  );
}
