/**
 * Form data as a list of answers, section by section: each field's title and what was answered, as
 * text that wraps (not as disabled inputs, which cut long answers off). Options are shown by their
 * titles, dates as ДД.ММ.ГГГГ, files by name (each a button that downloads it). With `onChange`, each
 * answer has an «Изменить» link back to its field (the «Проверьте ответы» page, GOV.UK's pattern).
 */
import { useState } from 'react';
import type { CompiledForm } from '../api/types.ts';
import { downloadFile, type UploadedFile } from '../api/uploads.ts';
import { isoToRussian } from '../format/russianDate.ts';
import { sizeText } from '../format/sizes.ts';
import { ApplicationReference } from './ApplicationReference.tsx';

type Schema = Record<string, unknown>;

export interface AnswerListProps {
  readonly form: CompiledForm;
  readonly data: Record<string, unknown>;
  /** Called with a field's dotted path when the applicant chooses to change its answer. */
  readonly onChange?: (path: string) => void;
  /** For downloading attached files. */
  readonly token?: string | null;
  /** Heading level of the section titles. */
  readonly level?: 2 | 3 | 4;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const orderOf = (ui: unknown, schema: Schema): string[] => {
  const order = isObj(ui) && Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]) : [];
  const keys = Object.keys((schema.properties as Schema | undefined) ?? {});
  return [...order.filter((k) => keys.includes(k)), ...keys.filter((k) => !order.includes(k))];
};
const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

export function AnswerList({ form, data, onChange, token = null, level = 2 }: AnswerListProps) {
  const root = form.schema;
  const Heading = `h${level}` as const;
  const sections = orderOf(form.uiSchema, root).filter((key) => isObj(data[key]));
  return (
    <div className="answers">
      {sections.map((key) => {
        const schema = (root.properties as Record<string, Schema>)[key];
        return (
          <section key={key} className="answers-section" aria-labelledby={`answers-${key}`}>
            <Heading id={`answers-${key}`}>{String(schema.title ?? key)}</Heading>
            <Fields schema={schema} ui={(form.uiSchema as Schema)[key]} data={data[key] as Record<string, unknown>} path={key} onChange={onChange} token={token} />
          </section>
        );
      })}
    </div>
  );
}

interface FieldsProps {
  readonly schema: Schema;
  readonly ui: unknown;
  readonly data: Record<string, unknown>;
  readonly path: string;
  readonly onChange?: (path: string) => void;
  readonly token: string | null;
}

function Fields({ schema, ui, data, path, onChange, token }: FieldsProps) {
  const keys = orderOf(ui, schema).filter((k) => Object.hasOwn(data, k) && !isEmpty(data[k]));
  if (keys.length === 0) return <p className="muted">Не заполнено</p>;
  return (
    <dl className="answer-rows">
      {keys.map((k) => {
        const field = (schema.properties as Record<string, Schema>)[k];
        const fieldPath = `${path}.${k}`;
        const title = String(field.title ?? k);
        return (
          <div key={k} className="answer-row">
            <dt>{title}</dt>
            <dd>
              <Value schema={field} ui={isObj(ui) ? ui[k] : undefined} value={data[k]} path={fieldPath} token={token} />
            </dd>
            {onChange && (
              <dd className="answer-change">
                <a
                  href={`#change-${fieldPath}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onChange(fieldPath);
                  }}
                >
                  Изменить<span className="visually-hidden"> ответ «{title}»</span>
                </a>
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
}

function Value({ schema, ui, value, path, token }: { schema: Schema; ui: unknown; value: unknown; path: string; token: string | null }) {
  if ('x-attachment' in schema) return <Files files={Array.isArray(value) ? (value as UploadedFile[]) : []} token={token} />;
  // Another application of the region (a field of type `application`): a link to its page.
  if ('x-application' in schema && typeof value === 'string') return <ApplicationReference id={value} token={token} />;
  if (schema.type === 'boolean') return <>{value === true ? 'Да' : 'Нет'}</>;
  if (schema.type === 'array') {
    const items = (schema.items ?? {}) as Schema;
    const list = Array.isArray(value) ? value : [];
    if (items.oneOf || items.enum) return <>{list.map((v) => optionTitle(items, v)).join('; ')}</>;
    return (
      <ol className="answer-items">
        {list.map((item, i) => (
          <li key={i}>{isObj(item) ? <Fields schema={items} ui={isObj(ui) ? ui.items : undefined} data={item} path={`${path}.${i}`} token={token} /> : String(item)}</li>
        ))}
      </ol>
    );
  }
  if (schema.type === 'object') return isObj(value) ? <Fields schema={schema} ui={ui} data={value} path={path} token={token} /> : null;
  if (schema.oneOf || schema.enum) return <>{optionTitle(schema, value)}</>;
  if (schema.format === 'date' && typeof value === 'string') return <>{isoToRussian(value)}</>;
  if (typeof value === 'number') return <>{value.toLocaleString('ru-RU')}</>;
  return <span className="answer-text">{String(value)}</span>;
}

function optionTitle(schema: Schema, value: unknown): string {
  const option = Array.isArray(schema.oneOf) ? (schema.oneOf as Schema[]).find((o) => o.const === value) : undefined;
  return typeof option?.title === 'string' ? option.title : String(value);
}

function Files({ files, token }: { files: readonly UploadedFile[]; token: string | null }) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <ul className="attachment-list">
        {files.map((f) => (
          <li key={f.id}>
            <button type="button" className="link" onClick={() => downloadFile(f.id, f.name, token).catch((e: Error) => setProblem(e.message))}>
              {f.name}
            </button>{' '}
            {typeof f.size === 'number' && <span className="muted">({sizeText(f.size)})</span>}
          </li>
        ))}
      </ul>
      {problem && <p className="field-error">{problem}</p>}
    </>
  );
}
