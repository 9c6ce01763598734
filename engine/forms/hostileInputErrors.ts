import type { FieldError } from '../api.ts';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Control characters other than tab, line feed and carriage return never belong in a form.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Errors for input that is refused outright rather than cleaned, found in one walk over `data`:
 * - own keys named __proto__, constructor or prototype: JSON.parse keeps "__proto__" as an ordinary key,
 *   and code that later copies the data with Object.assign or a plain assignment would turn it into a
 *   prototype (what lies beneath such a key is not looked at);
 * - strings that are not well-formed text: unpaired UTF-16 surrogates (which no encoding can store or
 *   print) and control characters such as NUL (which some databases refuse and documents cannot show).
 * Key errors come first, then text errors.
 */
export function hostileInputErrors(data: unknown): FieldError[] {
  const keys: FieldError[] = [];
  const text: FieldError[] = [];
  // An explicit stack: deeply nested input must not overflow the call stack.
  const stack: [unknown, string][] = [[data, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (LONE_SURROGATE.test(node) || CONTROL.test(node)) {
        text.push({ path, keyword: 'text', message: `«${path || 'значение'}»: недопустимые символы в тексте` });
      }
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (FORBIDDEN.has(key)) keys.push({ path: child, keyword: 'additionalProperties', message: `«${key}»: недопустимое имя поля` });
      else stack.push([(node as Record<string, unknown>)[key], child]);
    }
  }
  return [...keys, ...text];
}
