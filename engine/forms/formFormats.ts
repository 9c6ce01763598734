/**
 * The string formats a compiled form uses, as plain predicates. Browser-safe: the server registers them
 * with ajv (createFormValidator) and the browser can hand the same functions to rjsf's customizeValidator
 * ({ customFormats: FORM_FORMATS }), so both sides accept exactly the same values.
 */
import { isValidInn, isValidOgrn, isValidOgrnip, isValidPhone, isValidSnils } from './identifiers.ts';

/** A calendar date "YYYY-MM-DD" that exists (no 30 February). */
function isValidDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A plausible e-mail address: one @, a dot in the domain, no spaces, at most 254 characters. */
function isValidEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

/** Format name (as used in the compiled JSON Schema) -> predicate. */
export const FORM_FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  inn: isValidInn,
  ogrn: isValidOgrn,
  ogrnip: isValidOgrnip,
  snils: isValidSnils,
  phone: isValidPhone,
  email: isValidEmail,
  date: isValidDate,
};
