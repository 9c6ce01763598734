/**
 * The JSON Logic operators a rule may use. Everything else (notably json-logic-js's `method`, which
 * calls arbitrary methods on values) is refused when the config loads and again when a rule runs.
 */
export const JSON_LOGIC_OPERATORS: readonly string[] = [
  '==', '===', '!=', '!==', '!', '!!', 'or', 'and', 'if', '?:',
  '<', '<=', '>', '>=', 'in', 'var', 'missing', 'missing_some',
  'some', 'all', 'none', 'map', 'filter', 'reduce', 'merge',
  '+', '-', '*', '/', '%', 'min', 'max', 'cat', 'substr',
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

/** Every `var` path a rule reads, e.g. ["submission.change.reason", "payload.compliant"]. */
export function logicVariables(logic: unknown): string[] {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      for (const [op, arg] of Object.entries(node)) {
        if (op === 'var') {
          const name = Array.isArray(arg) ? arg[0] : arg;
          if (typeof name === 'string' && name !== '') out.add(name);
        }
        walk(arg);
      }
    }
  };
  walk(logic);
  return [...out];
}
