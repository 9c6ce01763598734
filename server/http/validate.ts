/**
 * Checks a route's query and body against its schemas (compiled once, when the app is built) and
 * reports each problem as a FieldError with a Russian message, the same shape the engine uses for 422.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FieldError } from '../../engine/api.ts';
import type { JsonSchema } from '../routes/types.ts';
import { HttpError } from './HttpError.ts';

const bodyAjv = new Ajv({ allErrors: true, strict: true });
// Query values arrive as strings: coerce "10" to 10 and "true" to true, and fill in defaults.
const queryAjv = new Ajv({ allErrors: true, strict: true, coerceTypes: true, useDefaults: true });

const TYPE_NAMES: Record<string, string> = {
  string: 'строкой',
  integer: 'целым числом',
  number: 'числом',
  boolean: 'true или false',
  object: 'объектом',
  array: 'списком',
  null: 'null',
};

function messageOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return 'обязательное поле';
    case 'additionalProperties': return 'неизвестное поле';
    case 'type': return `должно быть ${String(p.type).split(',').map((t) => TYPE_NAMES[t] ?? t).join(' или ')}`;
    case 'minimum': return `должно быть не меньше ${String(p.limit)}`;
    case 'maximum': return `должно быть не больше ${String(p.limit)}`;
    case 'minLength': return `должно быть не короче ${String(p.limit)} символов`;
    case 'maxLength': return `должно быть не длиннее ${String(p.limit)} символов`;
    case 'enum': return `допустимые значения: ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'pattern': return 'не соответствует формату';
    default: return e.message ?? 'неверное значение';
  }
}

/** ajv's "/a/0/b" plus the missing or extra property -> "a.0.b". */
function pathOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const parts = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') parts.push(String(p.missingProperty));
  if (e.keyword === 'additionalProperties') parts.push(String(p.additionalProperty));
  return parts.join('.');
}

export const fieldErrors = (errors: readonly ErrorObject[] | null | undefined): FieldError[] =>
  (errors ?? []).map((e) => ({ path: pathOf(e), message: messageOf(e), keyword: e.keyword }));

function describe(errors: readonly FieldError[], what: string): string {
  const first = errors.slice(0, 3).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
  return `Неверный ${what}: ${first}${errors.length > 3 ? ` и ещё ${errors.length - 3}` : ''}`;
}

export type Checker = (value: unknown) => unknown;

/** A checker that returns the (for queries: coerced) value or throws a 400 listing every problem. */
export function compileChecker(schema: JsonSchema, kind: 'query' | 'body'): Checker {
  const validate: ValidateFunction = (kind === 'query' ? queryAjv : bodyAjv).compile(schema);
  return (value) => {
    if (kind === 'body' && value === undefined) throw new HttpError(400, 'Нужно тело запроса в формате JSON (Content-Type: application/json)');
    const copy = kind === 'query' ? { ...(value as object) } : value;
    if (!validate(copy)) {
      const errors = fieldErrors(validate.errors);
      throw new HttpError(400, describe(errors, kind === 'query' ? 'параметр запроса' : 'запрос'), { errors });
    }
    return copy;
  };
}
