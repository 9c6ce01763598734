/**
 * json-logic-js, hardened once for the whole process (its operation table is a module singleton):
 * `var` reads only the data's own properties and never a prototype key, and the operations outside
 * ALLOWED_OPERATORS are removed; the day-counting operators of timeOperators.ts are added. validateLogic still refuses them first; this is the second line.
 */
import jsonLogicModule from 'json-logic-js';
import { FORBIDDEN_KEYS } from './allowedOperators.ts';
import { calendarDaysBetween, workingDaysBetween } from './timeOperators.ts';

/** `var` as json-logic-js defines it, but stepping only through own properties of the data. */
function safeVar(this: unknown, path?: unknown, notFound?: unknown): unknown {
  const fallback = notFound === undefined ? null : notFound;
  if (path === undefined || path === null || path === '') return this;
  let data: unknown = this;
  for (const key of String(path).split('.')) {
    if (FORBIDDEN_KEYS.has(key) || data === null || data === undefined) return fallback;
    // Own properties only: "submission.toString" is not data.
    if (!Object.hasOwn(Object(data), key)) return fallback;
    data = (data as Record<string, unknown>)[key];
    if (data === undefined) return fallback;
  }
  return data;
}

jsonLogicModule.add_operation('var', safeVar);
jsonLogicModule.add_operation('workingDaysBetween', workingDaysBetween);
jsonLogicModule.add_operation('calendarDaysBetween', calendarDaysBetween);
for (const op of ['log', 'method']) jsonLogicModule.rm_operation(op);

/** The hardened json-logic-js. */
export const jsonLogic = jsonLogicModule;
