import type { FieldError } from '../api.ts';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Errors for every own key named __proto__, constructor or prototype anywhere in `data`. JSON.parse keeps
 * "__proto__" as an ordinary own key, and code that later copies the data with Object.assign or a plain
 * assignment would turn it into a prototype; such data is refused outright rather than cleaned.
 */
export function prototypeKeyErrors(data: unknown): FieldError[] {
  const errors: FieldError[] = [];
  // An explicit stack: deeply nested input must not overflow the call stack.
  const stack: [unknown, string][] = [[data, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (FORBIDDEN.has(key)) {
        errors.push({ path: child, keyword: 'additionalProperties', message: `«${key}»: недопустимое имя поля` });
      } else {
        stack.push([(node as Record<string, unknown>)[key], child]);
      }
    }
  }
  return errors;
}
