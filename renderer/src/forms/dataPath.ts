/** Paths into form data: rjsf's ".a.b.0" / "['a']" notation, the API's dotted "a.b.0", and reading by path. */

/** ".applicant.inn", "['first-name']", ".places.0.address" -> ["applicant", "inn"], ... */
export function propertyPath(property: string | undefined): string[] {
  if (!property) return [];
  const out: string[] = [];
  const re = /\.([^.[\]]+)|\[['"]?([^'"\]]+)['"]?\]/g;
  for (let m = re.exec(property); m; m = re.exec(property)) out.push(m[1] ?? m[2]);
  return out;
}

/** "addresses.0.address" -> ["addresses", "0", "address"]; "" -> []. */
export const dottedPath = (path: string): string[] => (path === '' ? [] : path.split('.'));

/** The value at a path, or undefined. */
export function valueAt(data: unknown, path: readonly string[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The schema node describing the data at a path (through `properties` and array `items`). */
export function schemaAt(schema: Record<string, unknown>, path: readonly string[]): Record<string, unknown> | undefined {
  let node: Record<string, unknown> | undefined = schema;
  for (const key of path) {
    if (!node) return undefined;
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    node = props && Object.hasOwn(props, key) ? props[key] : (node.items as Record<string, unknown> | undefined);
  }
  return node;
}
