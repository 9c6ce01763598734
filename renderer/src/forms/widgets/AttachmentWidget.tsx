/**
 * A file attachment, kept in the form data as a data URL with the file name (as the server expects):
 * the file chooser limited to the field's formats, the chosen file with a button that removes it, and
 * in a read-only form a link that downloads it.
 */
import { ariaDescribedByIds, useFileWidgetProps, type WidgetProps } from '@rjsf/utils';

const sizeText = (bytes: number) => (bytes < 1024 ? `${bytes} Б` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} КБ` : `${(bytes / 1024 / 1024).toFixed(1)} МБ`);

export function AttachmentWidget(props: WidgetProps) {
  const { id, htmlName, value, required, disabled, readonly, onChange, onBlur, options, rawErrors } = props;
  const { filesInfo, handleChange, handleRemove } = useFileWidgetProps(value, onChange, false);
  const accept = typeof options.accept === 'string' ? options.accept : undefined;
  const file = filesInfo[0];

  if (readonly) {
    if (!file) return <p className="muted">Файл не приложен</p>;
    return file.dataURL ? (
      <a href={file.dataURL} download={file.name}>
        {file.name} ({sizeText(file.size)})
      </a>
    ) : (
      <span>{file.name}</span>
    );
  }

  return (
    <div className="attachment">
      <input
        id={id}
        name={htmlName ?? id}
        type="file"
        accept={accept}
        disabled={disabled}
        required={required && !value}
        aria-invalid={(rawErrors?.length ?? 0) > 0}
        aria-describedby={`${ariaDescribedByIds(id)}${accept ? ` ${id}__formats` : ''}`}
        onChange={(e) => {
          if (e.target.files) void handleChange(e.target.files);
        }}
        onBlur={() => onBlur(id, value)}
      />
      {accept && (
        <p id={`${id}__formats`} className="field-help">
          Форматы: {accept.replaceAll('.', '').replaceAll(',', ', ')}
        </p>
      )}
      {file && (
        <p className="attachment-file">
          Приложен файл: <strong>{file.name}</strong> ({sizeText(file.size)}){' '}
          <button type="button" className="link-danger" onClick={() => handleRemove(0)} disabled={disabled}>
            Убрать файл
          </button>
        </p>
      )}
    </div>
  );
}
