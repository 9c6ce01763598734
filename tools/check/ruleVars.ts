/**
 * The data a JSON Logic rule reads, with scopes: inside `some`/`all`/`none`/`map`/`filter` a `var`
 * reads the current item of the array, inside `reduce` it reads {current, accumulator}. A plain walk
 * would take an item's field for a top-level name.
 */

/** One read of the data. */
export interface VarRead {
  /** Dotted segments from the rule's data root; "[]" stands for any item of an array. */
  readonly segments: readonly string[];
  /** False when the read is inside an array operation over something that is not a plain `var` (its item is unknown). */
  readonly known: boolean;
  /** Where in the rule the read is: keys and indexes down to the `var` (or `missing`) node. */
  readonly at: readonly (string | number)[];
}

const ITEM_OPS = new Set(['some', 'all', 'none', 'map', 'filter']);

const split = (name: string): string[] => (name === '' ? [] : name.split('.'));

/** The names a `var`, `missing` or `missing_some` node reads (literal names only). */
function namesOf(op: string, arg: unknown): string[] | undefined {
  if (op === 'var') {
    const name = Array.isArray(arg) ? arg[0] : arg;
    return typeof name === 'string' ? [name] : typeof name === 'number' ? [String(name)] : name === null || name === undefined ? [''] : undefined;
  }
  if (op === 'missing') return (Array.isArray(arg) ? arg : [arg]).filter((n): n is string => typeof n === 'string');
  if (op === 'missing_some') return Array.isArray(arg) && Array.isArray(arg[1]) ? arg[1].filter((n: unknown): n is string => typeof n === 'string') : undefined;
  return undefined;
}

/** Every read of `logic`, top-level and inside array operations, as full paths from the data root. */
export function ruleReads(logic: unknown): VarRead[] {
  const out: VarRead[] = [];
  const walk = (node: unknown, base: readonly string[] | null, at: readonly (string | number)[]): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, base, [...at, i]));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [op, arg] of Object.entries(node)) {
      const here = [...at, op];
      const names = namesOf(op, arg);
      if (names) {
        for (const name of names) if (name !== '' || base !== null) out.push({ segments: [...(base ?? []), ...split(name)], known: base !== null, at: here });
        // A computed var name ({"var": {"cat": ...}}) may still contain reads.
        if (op === 'var' && Array.isArray(arg)) arg.slice(1).forEach((a, i) => walk(a, base, [...here, i + 1]));
        if (op === 'var' && arg !== null && typeof arg === 'object' && !Array.isArray(arg)) walk(arg, base, here);
        continue;
      }
      const args = Array.isArray(arg) ? arg : [arg];
      const argAt = (i: number) => (Array.isArray(arg) ? [...here, i] : here);
      if (ITEM_OPS.has(op) || op === 'reduce') {
        walk(args[0], base, argAt(0));
        const itemBase = plainVar(args[0]) !== undefined && base !== null ? [...base, ...split(plainVar(args[0])!), '[]'] : null;
        // reduce reads {current, accumulator}; only `current.*` is the array's item.
        if (op === 'reduce') walk(args[1], itemBase === null ? null : ['\u0000reduce', ...itemBase], argAt(1));
        else walk(args[1], itemBase, argAt(1));
        args.slice(2).forEach((a, i) => walk(a, base, argAt(i + 2)));
        continue;
      }
      walk(arg, base, here);
    }
  };
  walk(logic, [], []);
  // Inside reduce: "current.x" is item.x; "accumulator..." is not data.
  return out.flatMap((r) => {
    if (r.segments[0] !== '\u0000reduce') return [r];
    const i = r.segments.indexOf('[]');
    const itemBase = r.segments.slice(1, i + 1);
    const rest = r.segments.slice(i + 1);
    if (rest[0] === 'current') return [{ segments: [...itemBase, ...rest.slice(1)], known: true, at: r.at }];
    return [];
  });
}

/** The name of `{"var": "a.b"}`, or undefined when `node` is anything else. */
export function plainVar(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1 || keys[0] !== 'var') return undefined;
  const arg = (node as { var: unknown }).var;
  const name = Array.isArray(arg) ? arg[0] : arg;
  return typeof name === 'string' ? name : undefined;
}

/**
 * `logic` with every top-level read renamed by `rename` (reads inside array operations keep their item
 * scope; the array itself is renamed). Renaming to a name the data never has makes the read absent.
 */
export function renameReads(logic: unknown, rename: (name: string) => string): unknown {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const [op, arg] = Object.entries(node)[0] ?? [];
    if (op === undefined) return node;
    if (op === 'var') {
      const name = plainVar(node);
      if (name === undefined || name === '') return node;
      return { var: Array.isArray(arg) ? [rename(name), ...arg.slice(1)] : rename(name) };
    }
    if (op === 'missing') return { missing: (Array.isArray(arg) ? arg : [arg]).map((n: unknown) => (typeof n === 'string' ? rename(n) : walk(n))) };
    if (op === 'missing_some' && Array.isArray(arg) && Array.isArray(arg[1])) {
      return { missing_some: [arg[0], (arg[1] as unknown[]).map((n) => (typeof n === 'string' ? rename(n) : n))] };
    }
    if ((ITEM_OPS.has(op) || op === 'reduce') && Array.isArray(arg)) return { [op]: [walk(arg[0]), ...arg.slice(1)] };
    return { [op]: walk(arg) };
  };
  return walk(logic);
}
