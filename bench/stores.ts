/**
 * Store benchmark: `npm run bench -- stores [--duration 10] [--connections 64] [--pool 10] [--workers 1,2,4]`.
 *
 * HTTP submit throughput and latency (autocannon, loopback only) of the real server
 * (`bin/reglament.mjs serve` on the sample fixture region, request logs written to a file) on:
 *   1. the file store (lowdb), one process;
 *   2. PostgreSQL with `serve --workers N` for each N of --workers (default 1, 2 and 4): N processes
 *      on one port (node:cluster), sharing one database.
 * PostgreSQL is a throwaway cluster (scripts/pg-test-cluster.sh, fsync on) unless BENCH_DATABASE_URL
 * names one; each run gets a fresh database. Prints one table. Every submit is a durable write: the
 * numbers compare stores, not a tuned deployment (all processes share this machine's CPUs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { permitSubmission } from '../test/server/sampleData.ts';
import { startPgCluster, type PgCluster } from '../test/store/pgCluster.ts';

interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}
interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
/** autocannon ships no types; this is the part used here. */
const autocannon = createRequire(import.meta.url)('autocannon') as (options: LoadOptions) => Promise<LoadResult>;

const REPO = path.resolve(import.meta.dirname, '..');
const SAMPLE = path.join(REPO, 'test/fixtures/sample');
const SUBMIT = '/api/regions/sample/services/permit/applications';
const SECRET = 'bench-secret-'.repeat(4);

interface Row {
  readonly store: string;
  readonly processes: number;
  readonly connections: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly created: number;
  readonly failed: number;
  /** CPU time of the server processes per created application, ms (less distorted by a busy machine than latency). */
  readonly cpuPerSubmit: number | null;
}

/** utime + stime of a process in ms, from /proc (Linux); null elsewhere. */
async function cpuMs(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

async function totalCpu(pids: readonly number[]): Promise<number | null> {
  const each = await Promise.all(pids.map((pid) => cpuMs(pid)));
  return each.some((v) => v === null) ? null : (each as number[]).reduce((a, b) => a + b, 0);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/**
 * One `reglament serve` (with `workers` processes); its log goes to a file in its data folder (as a
 * deployment would keep it). Returns every process id whose CPU time counts: the primary and its workers.
 */
async function startServer(dataDir: string, env: Record<string, string>, workers: number): Promise<{ child: ChildProcess; url: string; pids: number[] }> {
  const port = await freePort();
  const logFile = path.join(dataDir, 'server.log');
  const log = await open(logFile, 'a');
  const child = spawn(process.execPath, [path.join(REPO, 'bin/reglament.mjs'), 'serve', '--port', String(port), '--data', dataDir, '--dev-users', '--workers', String(workers), SAMPLE], {
    cwd: REPO,
    env: { ...process.env, LOG_LEVEL: 'info', REGLAMENT_SECRET: SECRET, ...env },
    stdio: ['ignore', log.fd, log.fd],
  });
  await log.close();
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  while (Date.now() < deadline && exited === undefined) {
    const ok = await fetch(`${url}/api/openapi.json`).then((r) => r.ok, () => false);
    if (ok && workers === 1) return { child, url, pids: [child.pid!] };
    // With workers, the primary names them once every one listens.
    const ready = ok && /with \d+ worker processes \(pids ([\d, ]+)\)/.exec(await readFile(logFile, 'utf8'));
    if (ready) return { child, url, pids: [child.pid!, ...ready[1].split(', ').map(Number)] };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server on port ${port} did not start (see ${dataDir}/server.log)`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function token(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'applicant@sample', password: 'applicant' }) });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * Runs autocannon against every URL at once, the connections split evenly, after a warm-up. The
 * combined p50/p99 are the worst of the per-process figures (autocannon keeps no shared histogram).
 */
async function submitLoad(
  urls: readonly string[],
  servers: readonly number[],
  connections: number,
  duration: number,
  warmup: number,
): Promise<Omit<Row, 'store' | 'processes' | 'connections'>> {
  const auth = await token(urls[0]);
  const options = (url: string, seconds: number): LoadOptions => ({
    url: url + SUBMIT,
    connections: Math.max(1, Math.round(connections / urls.length)),
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
    body: JSON.stringify({ submission: permitSubmission() }),
  });
  await Promise.all(urls.map((url) => autocannon(options(url, warmup))));
  const cpuBefore = await totalCpu(servers);
  const results = await Promise.all(urls.map((url) => autocannon(options(url, duration))));
  const cpuAfter = await totalCpu(servers);
  const created = results.reduce((n, r) => n + (r.statusCodeStats?.['201']?.count ?? 0), 0);
  const total = results.reduce((n, r) => n + r.requests.total, 0);
  return {
    rps: results.reduce((n, r) => n + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    created,
    failed: total - created + results.reduce((n, r) => n + r.errors + r.timeouts, 0),
    cpuPerSubmit: cpuBefore === null || cpuAfter === null || created === 0 ? null : (cpuAfter - cpuBefore) / created,
  };
}

/** A fresh database on the cluster for one run; dropped by the returned function. */
async function freshDatabase(clusterUrl: string, name: string): Promise<{ url: string; count(): Promise<number>; drop(): Promise<void> }> {
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: clusterUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async count() {
      const client = new pg.Client({ connectionString: url.href });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: string | null }>(`SELECT CASE WHEN to_regclass('reglament.applications') IS NULL THEN NULL ELSE 1 END AS n`);
        if (rows[0].n === null) return 0;
        return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM reglament.applications')).rows[0].n);
      } finally {
        await client.end();
      }
    },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function run(store: 'lowdb' | 'postgresql', processes: number, opts: { connections: number; duration: number; warmup: number; pool: number; clusterUrl?: string }): Promise<Row> {
  const dir = await mkdtemp(path.join(tmpdir(), `reglament-bench-${store}-`));
  const db = store === 'postgresql' ? await freshDatabase(opts.clusterUrl!, `bench_${processes}w`) : undefined;
  const env: Record<string, string> = db ? { DATABASE_URL: db.url, DATABASE_POOL_SIZE: String(opts.pool) } : { DATABASE_URL: '' };
  let server: ChildProcess | undefined;
  try {
    const started = await startServer(dir, env, processes);
    server = started.child;
    const result = await submitLoad([started.url], started.pids, opts.connections, opts.duration, opts.warmup);
    if (db && (await db.count()) < result.created) {
      throw new Error('PostgreSQL holds fewer applications than were created: the server ignores DATABASE_URL (server/start.ts must use createStore)');
    }
    return { store, processes, connections: opts.connections, ...result };
  } finally {
    if (server) await stop(server);
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

function table(rows: readonly Row[]): string {
  const head = ['store', 'workers', 'connections', 'submits/s', 'p50 ms', 'p99 ms', '201', 'failed', 'server CPU ms/submit'];
  const body = rows.map((r) => [
    r.store,
    String(r.processes),
    String(r.connections),
    r.rps.toFixed(0),
    r.p50.toFixed(0),
    r.p99.toFixed(0),
    String(r.created),
    String(r.failed),
    r.cpuPerSubmit === null ? '-' : r.cpuPerSubmit.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '64' },
      pool: { type: 'string', default: '10' },
      workers: { type: 'string', default: '1,2,4' },
    },
  });
  const workerCounts = values.workers.split(',').map(Number);
  const opts = { duration: Number(values.duration), warmup: Number(values.warmup), connections: Number(values.connections), pool: Number(values.pool) };
  let cluster: PgCluster | null = null;
  let clusterUrl = process.env.BENCH_DATABASE_URL;
  if (!clusterUrl) {
    cluster = await startPgCluster();
    if (!cluster) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql) and BENCH_DATABASE_URL is not set');
    clusterUrl = cluster.url;
  }
  try {
    const rows: Row[] = [];
    for (const [store, processes] of [['lowdb', 1] as const, ...workerCounts.map((n) => ['postgresql', n] as const)]) {
      process.stderr.write(`bench: ${store}, ${processes} process(es), ${opts.connections} connections, ${opts.duration} s…\n`);
      rows.push(await run(store, processes, { ...opts, clusterUrl }));
    }
    console.log(`\nPOST ${SUBMIT} (durable writes), ${opts.duration} s after ${opts.warmup} s warm-up, ${cpus().length} CPUs, pool ${opts.pool} per process; CPU counts the primary and every worker\n`);
    console.log(table(rows));
    console.log(`\nload average while running: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (a busy machine lowers throughput; CPU per submit is steadier)`);
  } finally {
    await cluster?.stop();
  }
}

await main();
