/** One record of a list, numbered, with a button that removes it. */
import { buttonId, type ArrayFieldItemTemplateProps } from '@rjsf/utils';

export function ArrayFieldItemTemplate({ children, index, buttonsProps, disabled, readonly }: ArrayFieldItemTemplateProps) {
  const label = `Запись ${index + 1}`;
  return (
    <div className="list-item" role="group" aria-label={label}>
      <p className="list-item-title" aria-hidden="true">
        {label}
      </p>
      {children}
      {buttonsProps.hasRemove && !readonly && (
        <button type="button" className="link-danger" id={buttonId(buttonsProps.fieldPathId, 'remove')} onClick={buttonsProps.onRemoveItem} disabled={disabled}>
          Удалить запись {index + 1}
        </button>
      )}
    </div>
  );
}
