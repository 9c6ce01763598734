/**
 * Inbox benchmark: `npm run bench -- inbox` (or `npx tsx bench/inbox.ts [sizes...] [--stores lowdb,pg,memory]`,
 * default sizes 1000 10000 100000, stores lowdb and pg).
 *
 * What a page of 20 inbox rows costs (Engine.inboxRows: the store's query plus the rows' due dates
 * judged on the calendar) with 1k, 10k and 100k applications stored in the Vologda region, on the
 * embedded store (lowdb) and on PostgreSQL (a throwaway cluster from scripts/pg-test-cluster.sh unless
 * BENCH_DATABASE_URL names one; skipped when PostgreSQL is not installed). Each size holds the same
 * mix: 85 % finished cases, 15 % open ones spread over every step of the four procedures, a third of
 * those overdue, 40 % of them held by one of two officers; applicant names are unique, and a marker
 * word and an ИНН prefix are each given to exactly ten applications whatever the size, so a search
 * finds the same number of cases at every size. Every query the inbox page offers is timed: the role
 * views, «Мои задачи», all cases in any order, finished cases, overdue, search. The table gives the
 * fastest of 40 runs (after 5 warm-up runs; BENCH_MEASURE=median for the median) and the ratio of the
 * largest to the smallest figure across sizes: the goal is at most 1.5.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadRegion } from '../config/loader/loadRegion.ts';
import type { RegionConfig } from '../config/types/RegionConfig.ts';
import type { Actor, ApplicationRecord, InboxRequest, Store } from '../engine/api.ts';
import { Engine } from '../engine/Engine.ts';
import { lowdbStore } from '../engine/store/lowdbStore.ts';
import { memoryStore } from '../engine/store/memoryStore.ts';
import { pgStore, type PgStore } from '../engine/store/pgStore.ts';
import { grantSubmission } from '../test/server/vologdaData.ts';
import { storedUploads } from './storedUploads.ts';
import { INN_PREFIX, MARKER, population } from './inboxData.ts';
import { startPgCluster, type PgCluster } from '../test/store/pgCluster.ts';

const { values: flags, positionals } = parseArgs({ allowPositionals: true, options: { stores: { type: 'string', default: 'lowdb,pg' } } });
const sizes = positionals.map(Number).filter((n) => n > 0);
/** Which stores to measure: lowdb, pg, and (for quick runs of the in-process index alone) memory. */
const STORES = flags.stores.split(',');
const SIZES = sizes.length > 0 ? sizes : [1_000, 10_000, 100_000];
const RUNS = 40;
/**
 * What each query's figure is: the fastest of the runs (default; on a shared machine other work only
 * ever adds time, so the fastest run is the query's own cost) or the median (BENCH_MEASURE=median).
 */
const MEASURE = process.env.BENCH_MEASURE === 'median' ? 'median' : 'min';
const WARM_UP = 5;

const clock = { now: () => new Date('2026-03-16T10:00:00+03:00') };
const applicant: Actor = { userId: 'bench-applicant', region: 'vologda', roles: ['applicant'] };
const officer: Actor = { userId: 'officer-1', region: 'vologda', roles: ['officer'] };
const head: Actor = { userId: 'head', region: 'vologda', roles: ['head'] };

const base = { region: 'vologda', limit: 20, offset: 0, direction: 'asc' } as const;
const QUERIES: readonly { name: string; actor: Actor; request: Omit<InboxRequest, 'region' | 'limit' | 'offset'> }[] = [
  { name: "head's default (signing steps, by step due date)", actor: head, request: { view: 'role', sort: 'stepDue', direction: 'asc' } },
  { name: "officer's steps, by applicant", actor: officer, request: { view: 'role', sort: 'applicant', direction: 'asc' } },
  { name: '«Мои задачи», by service due date', actor: officer, request: { view: 'mine', sort: 'serviceDue', direction: 'asc' } },
  { name: 'all open, newest first', actor: officer, request: { view: 'all', final: false, sort: 'receivedAt', direction: 'desc' } },
  { name: 'all open and finished, by applicant', actor: officer, request: { view: 'all', sort: 'applicant', direction: 'asc' } },
  { name: 'finished, by number descending', actor: officer, request: { view: 'all', final: true, sort: 'number', direction: 'desc' } },
  { name: 'open cases of one service, by step', actor: officer, request: { view: 'all', final: false, service: 'grant', sort: 'step', direction: 'asc' } },
  { name: 'overdue only, by phase due date', actor: officer, request: { view: 'all', final: false, overdue: true, sort: 'phaseDue', direction: 'asc' } },
  { name: `search part of a name («${MARKER.slice(0, 8).toLowerCase()}»)`, actor: officer, request: { view: 'all', text: MARKER.slice(0, 8).toLowerCase(), sort: 'stepDue', direction: 'asc' } },
  { name: `search an ИНН prefix (${INN_PREFIX})`, actor: officer, request: { view: 'all', text: INN_PREFIX, sort: 'receivedAt', direction: 'desc' } },
  { name: 'search a common word («ооо»), open, newest first', actor: officer, request: { view: 'all', final: false, text: 'ооо', sort: 'receivedAt', direction: 'desc' } },
  // Against the grain: «ООО» names sort after «АО» and «ИП», so the first «ооо» match comes after two thirds of the open cases.
  { name: 'search a common word («ооо»), open, by applicant', actor: officer, request: { view: 'all', final: false, text: 'ооо', sort: 'applicant', direction: 'asc' } },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median time of each query, in ms, on one store holding `size` applications. */
async function measure(store: Store, config: RegionConfig): Promise<{ times: number[]; totals: string[] }> {
  const engine = new Engine({ regions: [config], store, clock });
  const times: number[] = [];
  const totals: string[] = [];
  for (const q of QUERIES) {
    const request = { ...base, ...q.request } as InboxRequest;
    let page = await engine.inboxRows(q.actor, request);
    for (let i = 1; i < WARM_UP; i++) await engine.inboxRows(q.actor, request);
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      page = await engine.inboxRows(q.actor, request);
      runs.push(performance.now() - t0);
    }
    if (page.items.length === 0) throw new Error(`"${q.name}" found nothing: the benchmark data does not exercise it`);
    times.push(MEASURE === 'min' ? Math.min(...runs) : median(runs));
    totals.push(`${page.totalExact ? '' : '≥'}${page.total}`);
  }
  return { times, totals };
}

async function template(config: RegionConfig): Promise<ApplicationRecord> {
  const dir = await mkdtemp(join(tmpdir(), 'reglament-bench-template-'));
  const store = lowdbStore({ dir });
  await store.init();
  try {
    const submission = await storedUploads(store, { owner: applicant.userId, region: 'vologda', service: 'grant', form: config.services.grant!.form }, grantSubmission());
    const view = await new Engine({ regions: [config], store, clock }).startApplication('vologda', 'grant', submission, applicant);
    return view.application;
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const loaded = await loadRegion('regions/vologda');
if (!loaded.ok) throw new Error(`regions/vologda does not load: ${loaded.errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('; ')}`);
const config = loaded.config;
const first = await template(config);
console.log(`reglament inbox benchmark (node ${process.version}): a page of 20 rows, the ${MEASURE === 'min' ? 'fastest' : 'median'} of ${RUNS} runs, ms`);

const results = new Map<string, { times: number[]; totals: string[] }>();

for (const size of STORES.includes('memory') ? SIZES : []) {
  const store = memoryStore();
  for (const app of population(config, first, size, clock.now())) await store.createApplication({ id: app.id, notifies: [], counter: { region: 'vologda', year: 0 }, licences: [], build: () => ({ application: app, documents: [] }) });
  results.set(`memory/${size}`, await measure(store, config));
}

for (const size of STORES.includes('lowdb') ? SIZES : []) {
  const apps = population(config, first, size, clock.now());
  const dir = await mkdtemp(join(tmpdir(), `reglament-bench-inbox-${size}-`));
  let store = lowdbStore({ dir });
  await store.init();
  await store.bulkImport(apps);
  await store.close();
  const t0 = performance.now();
  store = lowdbStore({ dir });
  await store.init();
  console.log(`  lowdb ${size}: start-up with the inbox index rebuilt ${(performance.now() - t0).toFixed(0)} ms`);
  results.set(`lowdb/${size}`, await measure(store, config));
  await store.close();
  await rm(dir, { recursive: true, force: true });
}

let cluster: PgCluster | null = null;
const databaseUrl = !STORES.includes('pg') ? undefined : (process.env.BENCH_DATABASE_URL ?? (cluster = await startPgCluster())?.url);
if (STORES.includes('pg') && !databaseUrl) console.log('  PostgreSQL is not installed: its columns are left out');
try {
  for (const size of databaseUrl ? SIZES : []) {
    const store: PgStore = pgStore({ connectionString: databaseUrl!, schema: `bench_inbox_${size}`, maxConnections: 4 });
    await store.init();
    const t0 = performance.now();
    await store.bulkImport(population(config, first, size, clock.now()));
    await store.analyze();
    console.log(`  PostgreSQL ${size}: populate ${(performance.now() - t0).toFixed(0)} ms`);
    results.set(`pg/${size}`, await measure(store, config));
    await store.close();
  }
} finally {
  await cluster?.stop();
}

const stores = STORES.filter((s) => s !== 'pg' || databaseUrl);
const TITLES: Record<string, [string, string]> = { lowdb: ['lowdb', 'lowdb'], pg: ['PostgreSQL', 'PG'], memory: ['memory', 'memory'] };
const head1 = ['query', ...stores.flatMap((s) => [...SIZES.map((n) => `${TITLES[s][0]} ${n / 1000}k`), `${TITLES[s][1]} ratio`])];
const rows = QUERIES.map((q, i) => [
  q.name,
  ...stores.flatMap((s) => {
    const times = SIZES.map((n) => results.get(`${s}/${n}`)!.times[i]);
    return [...times.map((t) => t.toFixed(2)), `${(Math.max(...times) / Math.min(...times)).toFixed(2)}×`];
  }),
]);
console.log(`\n| ${head1.join(' | ')} |\n|${head1.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(`\nrows found (total) per query at ${SIZES.map((n) => `${n / 1000}k`).join(' / ')}, ${stores[0]}: ${QUERIES.map((q, i) => `${i + 1}: ${SIZES.map((n) => results.get(`${stores[0]}/${n}`)!.totals[i]).join('/')}`).join('; ')}`);
const worst = Math.max(...rows.flatMap((row) => row.filter((c) => c.endsWith('×')).map((c) => Number.parseFloat(c))));
console.log(`largest ratio between sizes: ${worst.toFixed(2)}× (goal: at most 1.5×)`);
