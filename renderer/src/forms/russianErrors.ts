/**
 * Russian messages for rjsf's (ajv's) validation errors, chosen by keyword. The schema and the data
 * are at hand so a message can say what the field is (a list or a set of check-boxes) and, for
 * identifiers, exactly what is wrong with the value typed.
 */
import type { RJSFValidationError } from '@rjsf/utils';
import { propertyPath, schemaAt, valueAt } from './dataPath.ts';
import { ATTACHMENT } from '../../../engine/forms/attachments.ts';
import { identifierProblem } from './identifierProblem.ts';

type Schema = Record<string, unknown>;

/** "не менее 2 вариантов", "не более 1 записи": after these words the noun is genitive. */
const genitive = (n: number, one: string, many: string) => `${n} ${n % 10 === 1 && n % 100 !== 11 ? one : many}`;

const chars = (n: number) => genitive(n, 'символа', 'символов');

const FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  date: 'Укажите существующую дату в виде ДД.ММ.ГГГГ, например 27.11.2026',
};

function formatMessage(format: string, value: unknown): string {
  const problem = typeof value === 'string' ? identifierProblem(format, value) : null;
  return problem?.message ?? FORMAT_MESSAGES[format] ?? 'Значение указано в неверном формате';
}

function itemsMessage(node: Schema | undefined, limit: number, atLeast: boolean): string {
  const items = node?.items as Schema | undefined;
  if (node && ATTACHMENT in node) return atLeast ? 'Приложите файл' : `Не более ${genitive(limit, 'файла', 'файлов')}`;
  if (items && (items.enum || items.oneOf)) {
    if (atLeast && limit === 1) return 'Отметьте хотя бы один вариант';
    return `Отметьте ${atLeast ? 'не менее' : 'не более'} ${genitive(limit, 'варианта', 'вариантов')}`;
  }
  if (atLeast && limit === 1) return 'Добавьте хотя бы одну запись';
  return `${atLeast ? 'Добавьте не менее' : 'Не более'} ${genitive(limit, 'записи', 'записей')}`;
}

function messageFor(error: RJSFValidationError, node: Schema | undefined, value: unknown): string {
  const p = (error.params ?? {}) as Record<string, unknown>;
  switch (error.name) {
    case 'required':
      return 'Обязательное поле';
    case 'minLength':
      return p.limit === 1 ? 'Обязательное поле' : `Не короче ${chars(Number(p.limit))}`;
    case 'maxLength':
      return `Не длиннее ${chars(Number(p.limit))}`;
    case 'pattern':
      return 'Значение содержит недопустимые символы или не соответствует образцу';
    case 'format':
      return formatMessage(String(p.format), value);
    case 'minimum':
      return `Не меньше ${p.limit}`;
    case 'maximum':
      return `Не больше ${p.limit}`;
    case 'exclusiveMinimum':
      return `Больше ${p.limit}`;
    case 'exclusiveMaximum':
      return `Меньше ${p.limit}`;
    case 'multipleOf':
      return `Кратно ${p.multipleOf}`;
    case 'type':
      return p.type === 'integer' ? 'Введите целое число' : p.type === 'number' ? 'Введите число' : 'Значение неверного вида';
    case 'enum':
      return 'Выберите значение из списка';
    case 'const':
      return p.allowedValue === true ? 'Необходимо отметить' : 'Недопустимое значение';
    case 'minItems':
      return itemsMessage(node, Number(p.limit), true);
    case 'maxItems':
      return itemsMessage(node, Number(p.limit), false);
    case 'uniqueItems':
      return 'Значения не должны повторяться';
    case 'additionalProperties':
      return `Поле «${String(p.additionalProperty)}» в этой форме не предусмотрено`;
    default:
      return 'Недопустимое значение';
  }
}

/**
 * Rewrites the errors in Russian. Errors of the `oneOf` that only carries the titles of an enum are
 * dropped: the `enum` error already says the same.
 */
export function russianErrors(errors: RJSFValidationError[], schema: Schema, data: unknown): RJSFValidationError[] {
  return errors
    .filter((e) => e.name !== 'oneOf' && !(e.schemaPath ?? '').includes('/oneOf/'))
    .map((error) => {
      const path = propertyPath(error.property);
      const message = messageFor(error, schemaAt(schema, path), valueAt(data, path));
      return { ...error, message, stack: message };
    });
}
