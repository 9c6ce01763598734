/** One difference between two regions (or two versions of one), and the helpers that find them. */

/** The part of a region a difference is in, in the order a report lists them. */
export const DIFF_AREAS = ['region', 'services', 'fees', 'deadlines', 'roles', 'procedures', 'forms', 'calendar', 'rules', 'refusals', 'templates', 'registry'] as const;
export type DiffArea = (typeof DIFF_AREAS)[number];

export interface DiffEntry {
  readonly area: DiffArea;
  /** What differs, e.g. "permit from 2026-01-01" or "permit › expertise › role". */
  readonly item: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** Readable value in the first region; null when it has none. */
  readonly a: string | null;
  /** Readable value in the second region; null when it has none. */
  readonly b: string | null;
}

/** Records one entry when two readable values differ (undefined = absent on that side). */
export function compare(out: DiffEntry[], area: DiffArea, item: string, a: string | undefined, b: string | undefined): void {
  if (a === b) return;
  out.push({ area, item, change: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed', a: a ?? null, b: b ?? null });
}

/**
 * Compares two records by id: `whole` describes an item added or removed; for an item on both sides,
 * `parts` lists [suffix, readable value] pairs compared one by one (suffix "" = the item itself).
 */
export function compareRecords<T>(
  out: DiffEntry[],
  area: DiffArea,
  a: Readonly<Record<string, T>>,
  b: Readonly<Record<string, T>>,
  opts: { name?: (id: string) => string; whole: (item: T) => string; parts?: (item: T) => readonly (readonly [string, string | undefined])[] },
): void {
  const name = opts.name ?? ((id: string) => id);
  const parts = opts.parts ?? ((item: T) => [['', opts.whole(item)] as const]);
  for (const id of unionKeys(a, b)) {
    const inA = Object.hasOwn(a, id);
    const inB = Object.hasOwn(b, id);
    if (!inA || !inB) {
      compare(out, area, name(id), inA ? opts.whole(a[id]!) : undefined, inB ? opts.whole(b[id]!) : undefined);
      continue;
    }
    const pa = new Map(parts(a[id]!));
    const pb = new Map(parts(b[id]!));
    for (const key of unionKeys(Object.fromEntries(pa), Object.fromEntries(pb))) {
      compare(out, area, key ? `${name(id)} › ${key}` : name(id), pa.get(key), pb.get(key));
    }
  }
}

/** Keys of both objects: A's in order, then B's new ones. */
export function unionKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])];
}

/** "a, b" or undefined for an empty or absent list. */
export function list(items: readonly string[] | undefined): string | undefined {
  return items && items.length > 0 ? items.join(', ') : undefined;
}

/** "(2.4)" for a clause, "" without one. */
export function cite(clause: string | undefined): string {
  return clause ? ` (${clause})` : '';
}
