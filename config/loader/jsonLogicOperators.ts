/**
 * The JSON Logic operators a rule may use: part of the config language, so the loader refuses anything else
 * with file:line and the engine (engine/rules) refuses it again before evaluating. Left out on purpose:
 * `log` (writes to the console), `method` (calls arbitrary methods in older json-logic-js), and
 * map/filter/reduce (conditions do not need them, and they run scoped logic over data-sized arrays).
 */
export const JSON_LOGIC_OPERATORS: readonly string[] = [
  '==', '===', '!=', '!==', '!', '!!', 'or', 'and', 'if',
  '<', '<=', '>', '>=', 'in',
  'var', 'missing', 'missing_some',
  'some', 'all', 'none', 'merge',
  '+', '-', '*', '/', '%', 'min', 'max',
  'cat', 'substr',
  // Days between two dates (engine/rules/timeOperators.ts).
  'workingDaysBetween', 'calendarDaysBetween',
];

/** Operator names used anywhere in `logic` that are not allowed, with the JSON path where each occurs. */
export function unknownOperators(logic: unknown, at: (string | number)[] = []): { operator: string; path: (string | number)[] }[] {
  const out: { operator: string; path: (string | number)[] }[] = [];
  if (Array.isArray(logic)) {
    logic.forEach((item, i) => out.push(...unknownOperators(item, [...at, i])));
  } else if (logic !== null && typeof logic === 'object') {
    const keys = Object.keys(logic);
    // A JSON Logic operation is an object with exactly one key.
    if (keys.length !== 1) return [{ operator: `{${keys.join(', ')}}`, path: at }];
    const op = keys[0];
    if (!JSON_LOGIC_OPERATORS.includes(op)) out.push({ operator: op, path: [...at, op] });
    out.push(...unknownOperators((logic as Record<string, unknown>)[op], [...at, op]));
  }
  return out;
}
