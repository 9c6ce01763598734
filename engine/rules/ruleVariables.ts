/**
 * Every data path a JSON Logic expression reads, in first-seen order, so `reglament check` can compare
 * them with the forms: `var` paths, the keys of `missing` / `missing_some`, and inside some/all/none the
 * item's paths written as "<array path>.*.<item path>" (only when the array is a plain `var`).
 * Paths computed at run time ({"var": {"cat": ...}}) cannot be known and are left out.
 */
export function ruleVariables(logic: unknown): string[] {
  const found = new Set<string>();
  const add = (prefix: string, path: unknown): void => {
    if ((typeof path === 'string' && path !== '') || typeof path === 'number') found.add(prefix + String(path));
  };

  const walk = (node: unknown, prefix: string | null): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, prefix);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.length !== 1) return;
    const op = keys[0];
    const raw = (node as Record<string, unknown>)[op];
    const args = Array.isArray(raw) ? raw : [raw];
    // Inside scoped logic with an unknown array the item's paths cannot be named: prefix null skips them.
    const record = (path: unknown): void => {
      if (prefix !== null) add(prefix, path);
    };
    switch (op) {
      case 'var':
        record(args[0]);
        walk(args, prefix); // a computed path or default may itself read data
        return;
      case 'missing':
        for (const key of Array.isArray(args[0]) ? args[0] : args) record(key);
        walk(args, prefix);
        return;
      case 'missing_some':
        if (Array.isArray(args[1])) for (const key of args[1]) record(key);
        walk(args, prefix);
        return;
      case 'some':
      case 'all':
      case 'none': {
        walk(args[0], prefix);
        const source = args[0] as Record<string, unknown> | null;
        const arrayPath =
          prefix !== null && source && typeof source === 'object' && !Array.isArray(source) && Object.keys(source).length === 1
            ? (Array.isArray(source.var) ? source.var[0] : source.var)
            : undefined;
        walk(args[1], typeof arrayPath === 'string' && arrayPath !== '' ? `${prefix}${arrayPath}.*.` : null);
        return;
      }
      default:
        walk(args, prefix);
    }
  };

  walk(logic, '');
  return [...found];
}
