import type { FieldError } from '../api.ts';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Control characters other than tab, line feed and carriage return never belong in a form.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Errors for every string in `data` that is not well-formed text: unpaired UTF-16 surrogates (which no
 * encoding can store or print) and control characters such as NUL (which some databases refuse and
 * documents cannot show). Such input is refused, never cleaned silently.
 */
export function textErrors(data: unknown): FieldError[] {
  const errors: FieldError[] = [];
  // An explicit stack: deeply nested input must not overflow the call stack.
  const stack: [unknown, string][] = [[data, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (LONE_SURROGATE.test(node) || CONTROL.test(node)) {
        errors.push({ path, keyword: 'text', message: `«${path || 'значение'}»: недопустимые символы в тексте` });
      }
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) stack.push([value, path === '' ? key : `${path}.${key}`]);
    }
  }
  return errors;
}
