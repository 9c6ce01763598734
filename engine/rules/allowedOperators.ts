/**
 * The JSON Logic operators a rule may use. Everything else is refused before evaluation: `log` (writes to
 * the console), `method` (calls arbitrary methods in older json-logic-js), dotted operator names (which
 * json-logic-js resolves by walking its own operation table), and map/filter/reduce (not needed by
 * conditions, and they run scoped logic over data-sized arrays).
 */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set([
  '==', '===', '!=', '!==', '!', '!!', 'or', 'and', 'if',
  '<', '<=', '>', '>=', 'in',
  'var', 'missing', 'missing_some',
  'some', 'all', 'none', 'merge',
  '+', '-', '*', '/', '%', 'min', 'max',
  'cat', 'substr',
]);

/** Path segments a `var` may never step through: they reach the prototype chain, not the data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
