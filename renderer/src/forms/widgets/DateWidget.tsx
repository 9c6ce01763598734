/**
 * A date typed as ДД.ММ.ГГГГ in any browser: a text field (the browser's own date input follows its
 * language, 11/27/2026 in an English one), kept in the data as ISO "2026-11-27". Text that is not yet a
 * whole date stays in the data as typed, so the form's check says the date is wrong.
 */
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { useState } from 'react';
import { isoToRussian, russianToIso } from '../../format/russianDate.ts';

export function DateWidget(props: WidgetProps) {
  const { id, htmlName, value, required, disabled, readonly, autofocus, onChange, onBlur, onFocus, rawErrors } = props;
  const stored = typeof value === 'string' ? value : '';
  // What is in the box: the stored date as ДД.ММ.ГГГГ, or the text being typed.
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed ?? isoToRussian(stored);
  const hintId = `${id}__format`;
  return (
    <>
      <input
        id={id}
        name={htmlName ?? id}
        className="input input-date"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="ДД.ММ.ГГГГ"
        maxLength={10}
        value={text}
        required={required}
        disabled={disabled}
        readOnly={readonly}
        autoFocus={autofocus}
        aria-invalid={(rawErrors?.length ?? 0) > 0}
        aria-describedby={`${ariaDescribedByIds(id)} ${hintId}`}
        onChange={(e) => {
          const next = e.target.value;
          setTyped(next);
          if (next.trim() === '') onChange(undefined);
          else onChange(russianToIso(next) ?? next);
        }}
        onBlur={() => {
          // Once a whole date is typed, show it the one way (07.03.2026 for 7.3.2026).
          if (typed !== null && russianToIso(typed) !== null) setTyped(null);
          onBlur(id, value);
        }}
        onFocus={() => onFocus(id, value)}
      />
      <span id={hintId} className="field-help">
        Дата в виде ДД.ММ.ГГГГ, например 27.11.2026
      </span>
    </>
  );
}
