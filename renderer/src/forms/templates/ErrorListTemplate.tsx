/**
 * The summary of what stops the form from being sent, next to the submit button: each error with a
 * button that moves the focus to its field.
 */
import type { ErrorListProps } from '@rjsf/utils';
import { propertyPath } from '../dataPath.ts';

export function ErrorListTemplate({ errors, registry }: ErrorListProps) {
  const { idPrefix, idSeparator } = registry.globalFormOptions;
  const focus = (property: string | undefined) => {
    const id = [idPrefix, ...propertyPath(property)].join(idSeparator);
    const target = document.getElementById(id) ?? document.getElementById(`${id}__group`)?.querySelector('input');
    target?.focus();
  };
  return (
    <div className="error-summary" role="alert">
      <h2>Исправьте ошибки ({errors.length})</h2>
      <ul>
        {errors.map((error, i) => (
          <li key={i}>
            <button type="button" className="link" onClick={() => focus(error.property)}>
              {error.stack}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
