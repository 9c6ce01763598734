import { ALLOWED_OPERATORS, FORBIDDEN_KEYS } from './allowedOperators.ts';

/**
 * Problems in a JSON Logic expression, as sentences with a JSON-pointer-like location ("/and/1"):
 * operators outside ALLOWED_OPERATORS, objects that are not a single-key operation (json-logic-js would
 * silently treat them as constant data), and literal `var` paths through prototype keys. Empty when valid.
 */
export function validateLogic(logic: unknown): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${at}/${i}`));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push(`${at || '/'}: an operation is an object with exactly one key, found ${keys.length} (${keys.join(', ')})`);
      return;
    }
    const op = keys[0];
    const args = (node as Record<string, unknown>)[op];
    if (!ALLOWED_OPERATORS.has(op)) problems.push(`${at || '/'}: unknown operator "${op}"`);
    if (op === 'var') {
      const path = Array.isArray(args) ? args[0] : args;
      if (typeof path === 'string' && path.split('.').some((k) => FORBIDDEN_KEYS.has(k))) {
        problems.push(`${at || '/'}: var path "${path}" goes through a prototype key`);
      }
    }
    walk(args, `${at}/${op}`);
  };
  walk(logic, '');
  return problems;
}
