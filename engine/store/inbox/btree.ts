/**
 * sorted-btree's B+ tree, with the part of its API the inbox uses. The package is CommonJS with its
 * class as `exports.default`; under Node's ESM loader that arrives as `default.default`, under a
 * bundler as `default`.
 */
import * as sortedBtree from 'sorted-btree';

export interface BTree<K, V> {
  set(key: K, value: V): boolean;
  delete(key: K): boolean;
  keys(): IterableIterator<K>;
  entriesReversed(): IterableIterator<[K, V]>;
  readonly size: number;
}
type BTreeClass = new <K, V>(entries: undefined, compare: (a: K, b: K) => number) => BTree<K, V>;
const loaded = sortedBtree as unknown as { default: BTreeClass | { default: BTreeClass } };
export const BTree: BTreeClass = 'default' in loaded.default ? loaded.default.default : loaded.default;
