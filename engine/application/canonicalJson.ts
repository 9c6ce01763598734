/**
 * JSON with object keys sorted at every level and no whitespace, so equal data always gives the same
 * text (and the same hash) whatever order its keys were written in. `undefined` members are left out,
 * as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}
