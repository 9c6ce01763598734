import type { RegionConfig } from '../../config/types/RegionConfig.ts';

const known = new WeakMap<object, boolean>();

/**
 * Whether a rule of rules.yaml may read the data sent with the event (`payload.…`). A guard that does
 * not can be judged before the event is sent, on the application as it is; one that does cannot, since
 * the task form is not filled in yet. Judged from the rule's text, erring towards "may": a `var` (or
 * `missing`, `missing_some`) whose name is computed, empty (the whole data) or under `payload`.
 * Remembered per rule (config is frozen).
 */
export function readsPayload(region: RegionConfig, ruleId: string): boolean {
  const rule = Object.hasOwn(region.rules, ruleId) ? region.rules[ruleId] : undefined;
  if (!rule) return true;
  let reads = known.get(rule);
  if (reads === undefined) known.set(rule, (reads = mayReadPayload(rule.when)));
  return reads;
}

function mayReadPayload(logic: unknown): boolean {
  if (Array.isArray(logic)) return logic.some(mayReadPayload);
  if (logic === null || typeof logic !== 'object') return false;
  for (const [op, arg] of Object.entries(logic)) {
    if (op === 'var') {
      const name = Array.isArray(arg) ? arg[0] : arg;
      if (payloadName(name)) return true;
      // A default value may itself be an expression.
      if (Array.isArray(arg) && arg.slice(1).some(mayReadPayload)) return true;
      continue;
    }
    if (op === 'missing') {
      const names = Array.isArray(arg) ? arg : [arg];
      if (names.some(payloadName)) return true;
      continue;
    }
    if (op === 'missing_some') {
      const names = Array.isArray(arg) ? arg[1] : undefined;
      if (!Array.isArray(names) || names.some(payloadName)) return true;
      continue;
    }
    if (mayReadPayload(arg)) return true;
  }
  return false;
}

/** A variable name that is, or may turn out to be, the payload or a path under it. */
function payloadName(name: unknown): boolean {
  if (typeof name === 'number') return false;
  if (typeof name !== 'string') return true;
  return name === '' || name === 'payload' || name.startsWith('payload.');
}
