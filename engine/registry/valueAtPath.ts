/** Path segments that would reach an object's prototype machinery instead of its data. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads a dotted path ("submission.applicant.inn", "data.DECIDE.number", "addresses.0.city") from plain data.
 * Only own properties are followed, so a path can never reach Object.prototype; a missing step gives undefined.
 *
 * @throws RangeError when a segment is `__proto__`, `constructor` or `prototype` (a config error, caught by the loader)
 */
export function valueAtPath(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const segment of path.split('.')) {
    if (FORBIDDEN_SEGMENTS.has(segment)) throw new RangeError(`path "${path}" may not contain "${segment}"`);
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
