/**
 * Input for ИНН, ОГРН, ОГРНИП, СНИЛС, phone and e-mail (chosen by the schema's `format`), which says
 * what is wrong as one types: wrong characters or a checksum that does not match at once, too few
 * digits once the field is left. After a submit attempt the form's own error takes over.
 */
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { useState, type ChangeEvent } from 'react';
import { identifierProblem } from '../identifierProblem.ts';

const INPUT: Readonly<Record<string, { type: string; inputMode: 'numeric' | 'tel' | 'email'; autoComplete?: string; placeholder?: string }>> = {
  inn: { type: 'text', inputMode: 'numeric' },
  ogrn: { type: 'text', inputMode: 'numeric' },
  ogrnip: { type: 'text', inputMode: 'numeric' },
  snils: { type: 'text', inputMode: 'numeric', placeholder: '123-456-789 01' },
  phone: { type: 'tel', inputMode: 'tel', autoComplete: 'tel', placeholder: '+7 900 000-00-00' },
  email: { type: 'email', inputMode: 'email', autoComplete: 'email', placeholder: 'name@example.ru' },
};

export function IdentifierWidget(props: WidgetProps) {
  const { id, htmlName, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, schema, options, rawErrors } = props;
  const [left, setLeft] = useState(false);
  const format = String(schema.format ?? '');
  const input = INPUT[format] ?? INPUT.inn;
  const text = typeof value === 'string' ? value : '';
  const problem = text ? identifierProblem(format, text) : null;
  const formShowsError = (rawErrors?.length ?? 0) > 0;
  const live = problem && !formShowsError && (problem.kind === 'invalid' || left) ? problem.message : null;
  const liveId = `${id}__check`;

  return (
    <>
      <input
        id={id}
        name={htmlName ?? id}
        className="input"
        type={input.type}
        inputMode={input.inputMode}
        autoComplete={input.autoComplete ?? 'off'}
        placeholder={input.placeholder}
        value={text}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        aria-invalid={Boolean(live) || formShowsError}
        aria-describedby={`${ariaDescribedByIds(id)} ${liveId}`}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value === '' ? options.emptyValue : e.target.value)}
        onBlur={(e) => {
          setLeft(true);
          onBlur(id, e.target.value);
        }}
        onFocus={(e) => onFocus(id, e.target.value)}
      />
      <p id={liveId} className="field-check" aria-live="polite">
        {live}
      </p>
    </>
  );
}
