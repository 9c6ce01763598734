/**
 * The inbox of the in-process stores (memory and lowdb), answering any filter and sort in time that
 * does not grow with the number of stored applications.
 *
 * Rows are grouped in buckets, one per (region, service, state): every filter on service, step,
 * "the steps my role acts on" and open/finished picks whole buckets, and a bucket knows its size. Each
 * bucket keeps its rows in one B+ tree (sorted-btree) per sort column, so a page is a merge of the
 * chosen buckets' trees in that order, stopping after offset + limit rows. What cannot pick buckets
 * (the applicant, overdue, search words) is a test on each row met, unless a smaller set of
 * candidates is at hand: the cases a user filed, the rows listed under a search word's rarest
 * trigram, the overdue prefixes of the buckets' due-date trees. Those, when at most
 * CANDIDATE_LIMIT, are filtered and sorted directly, and counted exactly; otherwise the merge walks
 * until the page is full, which is quick precisely because matches are then common, and counting stops
 * at INBOX_COUNT_LIMIT. The open cases each user holds («Мои задачи») have sorted trees and per-bucket
 * counts of their own.
 */
import { INBOX_COUNT_LIMIT, type CaseRow, type InboxPage, type InboxQuery, type InboxSort } from '../../api.ts';
import { caseSearchText } from '../../inbox/caseRow.ts';
import { matchesWords, searchWords } from '../../inbox/searchText.ts';
import TinyQueue from 'tinyqueue';
import { BTree } from './btree.ts';
import { compareCases, type IndexedCase, indexedCase, SORTS } from './sortKeys.ts';
import { TrigramIndex } from './TrigramIndex.ts';

/** Largest candidate set filtered and sorted directly instead of walking the sorted trees. */
const CANDIDATE_LIMIT = 2000;
/** Rows a page may pass over, failing its tests, before it collects every match and takes the first instead. */
const WALK_BUDGET = 1000;

interface Bucket {
  readonly service: string;
  readonly state: string;
  final: boolean;
  readonly trees: Record<InboxSort, BTree<IndexedCase, undefined>>;
  /** The same rows unordered, for passes that need no order (counting, collecting every match): cheaper to walk than a tree. */
  readonly members: Set<IndexedCase>;
  /** Step due date -> rows with it, to count overdue rows by distinct dates rather than by rows. */
  readonly dueCounts: Map<string, number>;
}

/** The open cases one user holds: sorted like a bucket, and counted per bucket («Мои задачи»). */
interface Holding {
  readonly trees: Record<InboxSort, BTree<IndexedCase, undefined>>;
  readonly counts: Map<Bucket, number>;
}

interface RegionIndex {
  readonly buckets: Map<string, Bucket>;
  readonly trigrams: TrigramIndex;
  /** Rows by their sequence number in this region (the trigram lists hold these numbers). */
  readonly bySeq: IndexedCase[];
  /** Open cases by who holds them (a finished case keeps its holder in the row, not here). */
  readonly holdings: Map<string, Holding>;
  readonly byApplicant: Map<string, Set<string>>;
}

export class InboxIndex {
  readonly #regions = new Map<string, RegionIndex>();
  readonly #byId = new Map<string, { entry: IndexedCase; bucket: Bucket; seq: number }>();

  /** Adds the row or replaces the row of the same id. */
  put(row: CaseRow): void {
    const region = this.#region(row.region);
    const known = this.#byId.get(row.id);
    const entry = indexedCase(row, caseSearchText(row));
    let seq: number;
    if (known) {
      seq = known.seq;
      this.#remove(region, known.entry, known.bucket);
      if (known.entry.text !== entry.text) region.trigrams.add(seq, entry.text, known.entry.text);
    } else {
      seq = region.bySeq.length;
      region.trigrams.add(seq, entry.text);
    }
    region.bySeq[seq] = entry;
    const bucket = this.#bucket(region, row);
    bucket.final = row.final;
    for (const sort of SORTS) bucket.trees[sort].set(entry, undefined);
    bucket.members.add(entry);
    if (row.stepDue) bucket.dueCounts.set(row.stepDue.date, (bucket.dueCounts.get(row.stepDue.date) ?? 0) + 1);
    if (row.assignee && !row.final) {
      const holding = this.#holding(region, row.assignee.userId);
      for (const sort of SORTS) holding.trees[sort].set(entry, undefined);
      holding.counts.set(bucket, (holding.counts.get(bucket) ?? 0) + 1);
    }
    addTo(region.byApplicant, row.applicantId, row.id);
    this.#byId.set(row.id, { entry, bucket, seq });
  }

  list(query: InboxQuery): InboxPage {
    const region = this.#regions.get(query.region);
    if (!region) return { items: [], total: 0, totalExact: true };
    const { limit, offset } = bounds(query);
    const buckets = this.#chosenBuckets(region, query);
    const words = searchWords(query.text);
    const test = residualTest(query, words);

    // «Мои задачи»: the holder's own open cases, sorted and counted per bucket.
    if (query.assignee !== undefined && query.final === false) {
      const holding = region.holdings.get(query.assignee);
      if (!holding) return { items: [], total: 0, totalExact: true };
      const chosen = new Set(buckets);
      const rest = residualTest({ ...query, assignee: undefined }, words);
      const inChosen = (c: IndexedCase) => chosen.has(this.#byId.get(c.row.id)!.bucket) && (!rest || rest(c));
      const tree = holding.trees[query.sort];
      const items = page(query.direction === 'asc' ? tree.keys() : keysReversed(tree), inChosen, offset, limit);
      return { items: items ?? [], ...(rest ? count([tree.keys()], inChosen) : { total: sum(buckets, (b) => holding.counts.get(b) ?? 0), totalExact: true }) };
    }

    const candidates = this.#candidates(region, query, words, buckets);
    if (candidates) {
      const chosen = new Set(buckets);
      const matching = candidates.filter((c) => chosen.has(this.#byId.get(c.id)!.bucket) && (!test || test(c)));
      const compare = compareCases(query.sort);
      const order = query.direction === 'asc' ? compare : (a: IndexedCase, b: IndexedCase) => compare(b, a);
      return { items: firstInOrder(matching, offset + limit, order).slice(offset).map((c) => c.row), total: matching.length, totalExact: true };
    }

    // The page: the chosen buckets' trees merged in order, stopping once it is full. The total: the
    // buckets' sizes (or overdue counts) when nothing else is tested, else counted in any order.
    const walked = page(merged(buckets.map((b) => b.trees[query.sort]), query.sort, query.direction), test, offset, limit, test ? WALK_BUDGET : Infinity);
    if (walked === null) {
      // Matches that come late in the order (a common word sorted against its grain, e.g. «ооо» by name,
      // where every «ООО» sorts after «АО» and «ИП»): collect them all without order, take the first.
      const matching: IndexedCase[] = [];
      for (const bucket of buckets) for (const entry of bucket.members) if (test!(entry)) matching.push(entry);
      const compare = compareCases(query.sort);
      const order = query.direction === 'asc' ? compare : (a: IndexedCase, b: IndexedCase) => compare(b, a);
      return { items: firstInOrder(matching, offset + limit, order).slice(offset).map((c) => c.row), total: matching.length, totalExact: true };
    }
    const items = walked;
    if (!test) return { items, total: sum(buckets, (b) => b.members.size), totalExact: true };
    if (onlyOverdue(query, words)) return { items, total: this.#overdueCount(buckets, query.overdueOn!), totalExact: true };
    return { items, ...count(buckets.map((b) => b.members), test) };
  }

  /** A small set of rows that holds every match, when one is at hand; else null (walk the trees). */
  #candidates(region: RegionIndex, query: InboxQuery, words: readonly string[], buckets: readonly Bucket[]): IndexedCase[] | null {
    const ofIds = (ids: Set<string> | undefined) => [...(ids ?? [])].map((id) => this.#byId.get(id)!.entry);
    if (query.applicantId !== undefined) return ofIds(region.byApplicant.get(query.applicantId));
    const byWords = this.#wordCandidates(region, words, CANDIDATE_LIMIT);
    if (byWords) return byWords;
    if (query.overdueOn !== undefined && this.#overdueCount(buckets, query.overdueOn) <= CANDIDATE_LIMIT) {
      const out: IndexedCase[] = [];
      for (const bucket of buckets) {
        for (const entry of bucket.trees.stepDue.keys()) {
          if (entry.row.stepDue === null || entry.row.stepDue.date >= query.overdueOn) break;
          out.push(entry);
        }
      }
      return out;
    }
    return null;
  }

  /**
   * The rows listed under the rarest trigram of the search words (a superset of the matches), if some
   * word is long enough to have trigrams and the list is no longer than `max`; else null.
   */
  #wordCandidates(region: RegionIndex, words: readonly string[], max: number): IndexedCase[] | null {
    const long = words.filter((w) => [...w].length >= 3);
    if (long.length === 0) return null;
    const seqs = region.trigrams.candidates(long);
    return seqs.length <= max ? [...new Set(seqs)].map((seq) => region.bySeq[seq]) : null;
  }

  #overdueCount(buckets: readonly Bucket[], today: string): number {
    let n = 0;
    for (const bucket of buckets) for (const [date, count] of bucket.dueCounts) if (date < today) n += count;
    return n;
  }

  #chosenBuckets(region: RegionIndex, query: InboxQuery): Bucket[] {
    const steps = query.steps ? new Set(query.steps.map((s) => bucketKey(s.service, s.state))) : undefined;
    return [...region.buckets.entries()]
      .filter(
        ([key, b]) =>
          b.members.size > 0 &&
          (query.service === undefined || b.service === query.service) &&
          (query.state === undefined || b.state === query.state) &&
          (query.final === undefined || b.final === query.final) &&
          (!steps || steps.has(key)),
      )
      .map(([, b]) => b);
  }

  #remove(region: RegionIndex, entry: IndexedCase, bucket: Bucket): void {
    for (const sort of SORTS) bucket.trees[sort].delete(entry);
    bucket.members.delete(entry);
    const due = entry.row.stepDue?.date;
    if (due !== undefined) {
      const left = (bucket.dueCounts.get(due) ?? 1) - 1;
      if (left > 0) bucket.dueCounts.set(due, left);
      else bucket.dueCounts.delete(due);
    }
    if (entry.row.assignee && !entry.row.final) {
      const holding = region.holdings.get(entry.row.assignee.userId);
      if (holding) {
        for (const sort of SORTS) holding.trees[sort].delete(entry);
        const left = (holding.counts.get(bucket) ?? 1) - 1;
        if (left > 0) holding.counts.set(bucket, left);
        else holding.counts.delete(bucket);
      }
    }
    region.byApplicant.get(entry.row.applicantId)?.delete(entry.row.id);
  }

  #region(id: string): RegionIndex {
    let region = this.#regions.get(id);
    if (!region) {
      region = { buckets: new Map(), trigrams: new TrigramIndex(), bySeq: [], holdings: new Map(), byApplicant: new Map() };
      this.#regions.set(id, region);
    }
    return region;
  }

  #bucket(region: RegionIndex, row: CaseRow): Bucket {
    const key = bucketKey(row.service, row.state);
    let bucket = region.buckets.get(key);
    if (!bucket) {
      bucket = { service: row.service, state: row.state, final: row.final, trees: sortedTrees(), members: new Set(), dueCounts: new Map() };
      region.buckets.set(key, bucket);
    }
    return bucket;
  }

  #holding(region: RegionIndex, userId: string): Holding {
    let holding = region.holdings.get(userId);
    if (!holding) region.holdings.set(userId, (holding = { trees: sortedTrees(), counts: new Map() }));
    return holding;
  }
}

const bucketKey = (service: string, state: string) => `${service}\u0000${state}`;

/** One empty B+ tree per sort column. */
const sortedTrees = () => Object.fromEntries(SORTS.map((sort) => [sort, new BTree<IndexedCase, undefined>(undefined, compareCases(sort))])) as Bucket['trees'];

/**
 * A page from rows met in order: those passing `test` (all when null), `offset` skipped, `limit` kept;
 * null once more than `budget` rows failed the test before the page was full.
 */
function page(rows: Iterable<IndexedCase>, test: ((c: IndexedCase) => boolean) | null, offset: number, limit: number, budget = Infinity): CaseRow[] | null {
  const items: CaseRow[] = [];
  if (limit === 0) return items;
  let seen = 0;
  let missed = 0;
  for (const entry of rows) {
    if (test && !test(entry)) {
      if (++missed > budget) return null;
      continue;
    }
    if (seen++ >= offset) {
      items.push(entry.row);
      if (items.length >= limit) break;
    }
  }
  return items;
}

/** The rows of `sets` that pass `test`, counted in any order (no merge), up to INBOX_COUNT_LIMIT + 1. */
function count(sets: readonly Iterable<IndexedCase>[], test: (c: IndexedCase) => boolean): { total: number; totalExact: boolean } {
  let n = 0;
  for (const set of sets) {
    for (const entry of set) {
      if (!test(entry)) continue;
      if (++n > INBOX_COUNT_LIMIT) return { total: INBOX_COUNT_LIMIT, totalExact: false };
    }
  }
  return { total: n, totalExact: true };
}

/** The first `k` of `items` in `order`, sorted: a bounded heap (tinyqueue) rather than a sort of them all. */
function firstInOrder(items: readonly IndexedCase[], k: number, order: (a: IndexedCase, b: IndexedCase) => number): IndexedCase[] {
  if (k === 0) return [];
  if (!Number.isFinite(k) || items.length <= k) return [...items].sort(order);
  // A max-heap of the best k so far: its top is the worst kept, replaced by anything better.
  const kept = new TinyQueue<IndexedCase>([], (a, b) => order(b, a));
  for (const item of items) {
    if (kept.length < k) kept.push(item);
    else if (order(item, kept.peek()!) < 0) {
      kept.pop();
      kept.push(item);
    }
  }
  return kept.data.sort(order);
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

const sum = <T>(items: readonly T[], f: (item: T) => number) => items.reduce((n, item) => n + f(item), 0);

/** Whether overdue is the only row test (its count then comes from the buckets' due-date counts). */
const onlyOverdue = (query: InboxQuery, words: readonly string[]) =>
  query.overdueOn !== undefined && words.length === 0 && query.assignee === undefined && query.applicantId === undefined;

/** The test of what buckets cannot decide, or null when nothing is left to test. */
function residualTest(query: InboxQuery, words: readonly string[]): ((c: IndexedCase) => boolean) | null {
  const { assignee, applicantId, overdueOn } = query;
  if (assignee === undefined && applicantId === undefined && overdueOn === undefined && words.length === 0) return null;
  return (c) =>
    (assignee === undefined || c.row.assignee?.userId === assignee) &&
    (applicantId === undefined || c.row.applicantId === applicantId) &&
    // A step is overdue once the day after its due date has begun.
    (overdueOn === undefined || (c.row.stepDue !== null && c.row.stepDue.date < overdueOn)) &&
    (words.length === 0 || matchesWords(c.text, words));
}

/** The rows of several trees of one sort column in one order: a merge of the trees, their heads in a heap (tinyqueue). */
function* merged(trees: readonly BTree<IndexedCase, undefined>[], sort: InboxSort, direction: 'asc' | 'desc'): Generator<IndexedCase> {
  const compare = compareCases(sort);
  const heads = new TinyQueue<{ it: Iterator<IndexedCase>; value: IndexedCase }>([], direction === 'asc' ? (a, b) => compare(a.value, b.value) : (a, b) => compare(b.value, a.value));
  for (const tree of trees) {
    const it = direction === 'asc' ? tree.keys() : keysReversed(tree);
    const first = it.next();
    if (!first.done) heads.push({ it, value: first.value });
  }
  while (heads.length > 0) {
    const head = heads.pop()!;
    yield head.value;
    const next = head.it.next();
    if (!next.done) heads.push({ it: head.it, value: next.value });
  }
}

function* keysReversed(tree: BTree<IndexedCase, undefined>): Generator<IndexedCase> {
  for (const [key] of tree.entriesReversed()) yield key;
}

/** Paging values as every store reads them: fractions cut, negatives and NaN as 0. */
function bounds(query: { readonly limit: number; readonly offset: number }): { limit: number; offset: number } {
  const whole = (n: number) => (Number.isNaN(n) ? 0 : Math.max(0, Math.trunc(n)));
  return { limit: query.limit === Infinity ? Infinity : whole(query.limit), offset: whole(query.offset) };
}
