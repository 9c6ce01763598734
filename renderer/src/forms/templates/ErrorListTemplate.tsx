/**
 * The summary of what stops the form from being sent, next to the submit button: each error, named by
 * its field, with a button that moves the focus to that field. Errors come from the browser's own check
 * and from the server (422), whose messages already name the field in «…».
 */
import type { ErrorListProps, RJSFValidationError } from '@rjsf/utils';
import { useEffect, useRef } from 'react';
import { propertyPath, schemaAt } from '../dataPath.ts';
import { contextOf } from '../formContext.ts';

function textOf(error: RJSFValidationError, rootSchema: Record<string, unknown>): string {
  const message = error.message ?? error.stack;
  const title = schemaAt(rootSchema, propertyPath(error.property))?.title;
  return typeof title === 'string' && !message.includes(`«${title}»`) ? `${title}: ${message}` : message;
}

export function ErrorListTemplate({ errors, registry }: ErrorListProps) {
  const { idPrefix, idSeparator } = registry.globalFormOptions;
  const heading = useRef<HTMLHeadingElement>(null);
  const { submitAttempts, summaryFocus } = contextOf(registry.formContext);
  // After each attempt to send, the summary takes the focus once, so a screen reader reads it and the
  // page shows it; errors that come and go as one types later do not take it again.
  useEffect(() => {
    if (submitAttempts > summaryFocus.done) {
      summaryFocus.done = submitAttempts;
      heading.current?.focus();
    }
  }, [submitAttempts, summaryFocus]);
  const focus = (property: string | undefined) => {
    const id = [idPrefix, ...propertyPath(property)].join(idSeparator);
    const target = document.getElementById(id) ?? document.getElementById(`${id}__group`)?.querySelector('input');
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  };
  return (
    <div className="error-summary" role="alert" aria-labelledby={`${idPrefix}__errors`}>
      <h2 id={`${idPrefix}__errors`} ref={heading} tabIndex={-1}>
        Исправьте ошибки ({errors.length})
      </h2>
      <ul>
        {errors.map((error, i) => (
          <li key={i}>
            <button type="button" className="link" onClick={() => focus(error.property)}>
              {textOf(error, registry.rootSchema as Record<string, unknown>)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
