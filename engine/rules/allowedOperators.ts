import { JSON_LOGIC_OPERATORS } from '../../config/loader/jsonLogicOperators.ts';

/** The operators a rule may use; the list belongs to the config language (see config/loader/jsonLogicOperators.ts). */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set(JSON_LOGIC_OPERATORS);

/** Path segments a `var` may never step through: they reach the prototype chain, not the data. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
