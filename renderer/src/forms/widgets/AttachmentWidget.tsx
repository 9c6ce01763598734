/**
 * A file field: the files attached so far, each with a button that removes it, and a Russian «Выбрать
 * файл» button (the browser's own file input says «Choose File» in an English browser, so it is
 * hidden and its label is the button). A chosen file is uploaded at once, with a progress bar, to the
 * upload route of the form (formContext.upload); the field keeps the references the server answers.
 * The field's limits (formats, size, number of files) are checked before sending, as the server
 * checks them again. Read-only, each file is a button that downloads it.
 */
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { useRef, useState } from 'react';
import { isApiError } from '../../api/ApiError.ts';
import { downloadFile, uploadFile, type UploadedFile, type UploadHandle } from '../../api/uploads.ts';
import { filesText, sizeText } from '../../format/sizes.ts';
import { contextOf } from '../formContext.ts';

interface Limits {
  readonly accept?: string;
  readonly formats?: readonly string[] | null;
  readonly maxFileSizeMb?: number;
  readonly maxFiles?: number;
}

interface InFlight {
  readonly key: number;
  readonly name: string;
  readonly size: number;
  share: number;
  readonly handle: UploadHandle;
}

const extensionOf = (name: string) => (name.lastIndexOf('.') > 0 ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '');

export function AttachmentWidget(props: WidgetProps) {
  const { id, htmlName, value, disabled, readonly, onChange, onBlur, options, rawErrors, registry, label } = props;
  const files: UploadedFile[] = Array.isArray(value) ? (value as UploadedFile[]) : [];
  const limits = options as Limits;
  const maxFiles = limits.maxFiles ?? 1;
  const context = contextOf(registry.formContext);
  const [inFlight, setInFlight] = useState<InFlight[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [downloadProblem, setDownloadProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(files);
  latest.current = files;
  const counter = useRef(0);

  if (readonly) {
    if (files.length === 0) return <p className="muted">Файл не приложен</p>;
    return (
      <>
        <ul className="attachment-list">
          {files.map((f) => (
            <li key={f.id}>
              <button type="button" className="link" onClick={() => downloadFile(f.id, f.name, context.token).catch((e: Error) => setDownloadProblem(e.message))}>
                {f.name}
              </button>{' '}
              <span className="muted">({sizeText(f.size)})</span>
            </li>
          ))}
        </ul>
        {downloadProblem && <p className="field-error">{downloadProblem}</p>}
      </>
    );
  }

  const path = htmlName ?? '';
  const uploadUrl = context.upload?.url(path) ?? null;
  const room = maxFiles - files.length - inFlight.length;
  const formatsText = limits.formats && limits.formats.length > 0 ? limits.formats.join(', ') : null;
  const hintId = `${id}__limits`;

  const start = (chosen: File[]) => {
    const found: string[] = [];
    if (!uploadUrl) found.push('Чтобы приложить файл, войдите в систему.');
    const accepted: File[] = [];
    for (const file of chosen) {
      if (limits.formats && limits.formats.length > 0 && !limits.formats.includes(extensionOf(file.name))) found.push(`«${file.name}»: допустимые форматы — ${formatsText}`);
      else if (limits.maxFileSizeMb && file.size > limits.maxFileSizeMb * 1024 * 1024) found.push(`«${file.name}»: файл больше ${limits.maxFileSizeMb} МБ`);
      else if (accepted.length >= room) found.push(`«${file.name}»: в этом поле не больше ${filesText(maxFiles)}`);
      else accepted.push(file);
    }
    setProblems(found);
    if (!uploadUrl) return;
    for (const file of accepted) {
      const key = ++counter.current;
      const entry: InFlight = { key, name: file.name, size: file.size, share: 0, handle: uploadFile(uploadUrl, file, context.token, (share) => update(key, share)) };
      setInFlight((list) => [...list, entry]);
      entry.handle.done.then(
        ({ id: fileId, name, size, type, sha256 }) => {
          setInFlight((list) => list.filter((f) => f.key !== key));
          // What a form keeps of a file; the server fills in the rest from its own record when filing.
          // Kept in the ref at once: several uploads may finish before the form renders again.
          latest.current = [...latest.current, { id: fileId, name, size, type, sha256 }];
          onChange(latest.current);
        },
        (error: unknown) => {
          setInFlight((list) => list.filter((f) => f.key !== key));
          const message = isApiError(error) ? (error.fieldErrors[0]?.message ?? error.message) : 'Файл не удалось загрузить';
          setProblems((list) => [...list, `«${file.name}»: ${message.replace(/^Поле «[^»]*»: /, '')}`]);
        },
      );
    }
  };
  const update = (key: number, share: number) => setInFlight((list) => list.map((f) => (f.key === key ? { ...f, share } : f)));
  const remove = (fileId: string) => {
    latest.current = latest.current.filter((f) => f.id !== fileId);
    onChange(latest.current.length === 0 ? undefined : latest.current);
  };

  return (
    <div className="attachment" id={`${id}__group`}>
      {files.length > 0 && (
        <ul className="attachment-list" aria-label={`Приложенные файлы: ${label}`}>
          {files.map((f) => (
            <li key={f.id}>
              <span className="attachment-name">{f.name}</span> <span className="muted">({sizeText(f.size)})</span>{' '}
              <button type="button" className="link-danger" onClick={() => remove(f.id)} disabled={disabled} aria-label={`Убрать файл ${f.name}`}>
                Убрать
              </button>
            </li>
          ))}
        </ul>
      )}
      {inFlight.map((f) => (
        <div key={f.key} className="upload-progress">
          <label htmlFor={`${id}__progress${f.key}`}>
            Загружается «{f.name}» ({sizeText(f.size)})
          </label>
          <progress id={`${id}__progress${f.key}`} max={100} value={Math.round(f.share * 100)}>
            {Math.round(f.share * 100)}%
          </progress>{' '}
          <button type="button" className="link" onClick={() => f.handle.abort()}>
            Отменить
          </button>
        </div>
      ))}
      {room > 0 && (
        <div className="attachment-choose">
          <input
            ref={input}
            id={id}
            name={path || id}
            type="file"
            className="visually-hidden file-input"
            accept={limits.accept}
            multiple={room > 1}
            disabled={disabled}
            aria-invalid={(rawErrors?.length ?? 0) > 0}
            aria-describedby={`${ariaDescribedByIds(id)} ${hintId}`}
            onChange={(e) => {
              start(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
            onBlur={() => onBlur(id, value)}
          />
          <label htmlFor={id} className="button secondary file-button" aria-hidden="true">
            {files.length > 0 ? 'Добавить файл' : 'Выбрать файл'}
          </label>
        </div>
      )}
      <p id={hintId} className="field-help">
        {[formatsText && `Форматы: ${formatsText}`, limits.maxFileSizeMb && `до ${limits.maxFileSizeMb} МБ каждый`, `не больше ${filesText(maxFiles)}`].filter(Boolean).join('; ')}
      </p>
      {problems.length > 0 && (
        <ul className="field-error" role="alert">
          {problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
