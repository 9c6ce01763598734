import type { ErrorObject } from 'ajv';
import type { FieldError } from '../api.ts';
import { ATTACHMENT } from './attachments.ts';
import { isValidSnils } from './identifiers.ts';

type Schema = { title?: string; properties?: Record<string, { title?: string }>; const?: unknown; type?: unknown };

/** "/addresses/0/address" -> "addresses.0.address" (JSON Pointer unescaped). */
export function dottedPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

const join = (base: string, key: string): string => (base === '' ? key : `${base}.${key}`);

/** "N элементов" after "не меньше"/"не больше", which take the genitive: 1 (21, 31...) элемента, else элементов. */
function items(n: number): string {
  return `${n} ${n % 10 === 1 && n % 100 !== 11 ? 'элемента' : 'элементов'}`;
}

/** "N файлов" in the genitive after "не больше". */
function files(n: number): string {
  return `${n} ${n % 10 === 1 && n % 100 !== 11 ? 'файла' : 'файлов'}`;
}

const isFileList = (schema: unknown): boolean => typeof schema === 'object' && schema !== null && ATTACHMENT in schema;

const TYPE_NAMES: Record<string, string> = {
  string: 'ожидается текст',
  integer: 'ожидается целое число',
  number: 'ожидается число',
  boolean: 'ожидается «да» или «нет»',
  array: 'ожидается список',
  object: 'ожидается набор полей',
};

/** Why a value fails a format: a checksum, or the shape of the value. */
function formatProblem(format: string, value: unknown): string {
  const s = typeof value === 'string' ? value : '';
  const checksum = 'неверная контрольная сумма';
  switch (format) {
    case 'inn':
      return /^(\d{10}|\d{12})$/.test(s) ? checksum : 'ИНН состоит из 10 (организация) или 12 (физическое лицо) цифр';
    case 'ogrn':
      return /^\d{13}$/.test(s) ? checksum : 'ОГРН состоит из 13 цифр';
    case 'ogrnip':
      return /^\d{15}$/.test(s) ? checksum : 'ОГРНИП состоит из 15 цифр';
    case 'snils':
      return /^\d{3}-?\d{3}-?\d{3}[ -]?\d{2}$/.test(s) && !isValidSnils(s) ? checksum : 'СНИЛС состоит из 11 цифр: 123-456-789 01';
    case 'phone':
      return 'номер телефона: +7 и 10 цифр, например +7 (921) 123-45-67';
    case 'email':
      return 'неверный адрес электронной почты';
    case 'date':
      return 'неверная дата (ожидается ГГГГ-ММ-ДД)';
    default:
      return 'неверный формат';
  }
}

/** The sentence (without the field title) for one ajv error. */
function problem(err: ErrorObject): string {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'type':
      return TYPE_NAMES[String(p.type)] ?? 'неверный тип значения';
    case 'format':
      return formatProblem(String(p.format), err.data);
    case 'minLength':
      return err.data === '' ? 'обязательное поле' : `не короче ${String(p.limit)} символов`;
    case 'maxLength':
      return `не длиннее ${String(p.limit)} символов`;
    case 'pattern':
      return 'не соответствует требуемому формату';
    case 'minimum':
    case 'exclusiveMinimum':
      return `не меньше ${String(p.limit)}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `не больше ${String(p.limit)}`;
    case 'enum':
      return 'выберите значение из списка';
    case 'const':
      return p.allowedValue === true ? 'необходимо отметить' : `допустимое значение: ${JSON.stringify(p.allowedValue)}`;
    case 'minItems':
      return isFileList(err.parentSchema) ? 'приложите файл' : `выберите или добавьте не меньше ${items(Number(p.limit))}`;
    case 'maxItems':
      return isFileList(err.parentSchema) ? `не больше ${files(Number(p.limit))}` : `не больше ${items(Number(p.limit))}`;
    case 'uniqueItems':
      return 'значения не должны повторяться';
    default:
      return 'недопустимое значение';
  }
}

/**
 * Ajv errors (compiled with verbose: true, so each carries its schema) as FieldErrors: a dotted path into
 * the data and a Russian message naming the field by its title, e.g. «ИНН»: неверная контрольная сумма.
 * A missing top-level property is a section: "Заполните раздел «…»". The oneOf errors that shadow an
 * enum are dropped (the enum error says it once). `rootTitle` names the data as a whole.
 */
export function fieldErrors(errors: readonly ErrorObject[], rootTitle: string): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const err of errors) {
    if (err.keyword === 'oneOf' || err.schemaPath.includes('/oneOf/')) continue;
    const base = dottedPath(err.instancePath);
    const parent = (err.parentSchema ?? {}) as Schema;
    let error: FieldError;
    if (err.keyword === 'required') {
      const key = String((err.params as { missingProperty: string }).missingProperty);
      const title = parent.properties?.[key]?.title ?? key;
      error = {
        path: join(base, key),
        keyword: 'required',
        message: base === '' ? `Заполните раздел «${title}»` : `«${title}»: обязательное поле`,
      };
    } else if (err.keyword === 'additionalProperties') {
      const key = String((err.params as { additionalProperty: string }).additionalProperty);
      error = { path: join(base, key), keyword: 'additionalProperties', message: `«${key}»: такого поля нет в форме` };
    } else {
      const title = base === '' ? rootTitle : (parent.title ?? base);
      error = { path: base, keyword: err.keyword, message: `«${title}»: ${problem(err)}` };
    }
    const key = `${error.path}\u0000${error.keyword}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(error);
    }
  }
  return out;
}
