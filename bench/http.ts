/**
 * HTTP benchmark, side by side: `npm run bench -- http [--quick] [--rounds 5] [--duration 10]
 * [--connections 64] [--stored 100000] [--only form,submit] [--prof]`.
 *
 * Every server is started at once, each in its own child process on loopback with its own temporary
 * data folder, before anything is measured:
 *   hello     express hello-world (GET /), the floor of any express endpoint;
 *   bare      express + ajv of a 60-field JSON body + a durable atomic write (temp file, fsync, rename,
 *             fsync of the directory), the least any durable JSON endpoint does;
 *   real      the real server over regions/vologda with every feature on: request log (pino, async, to a
 *             file), security headers, bearer-token auth, history, durable acknowledgement (lowdb store:
 *             write-ahead log, fdatasync before the answer). Its store holds `--stored` applications at
 *             the grant procedure's first step before it starts (the time it takes to be ready is printed).
 * Then the scenarios run one after another, round after round (after one warm-up pass), so the noise
 * of a shared machine lands on all of them alike: hello-world; GET the grant form (with
 * Accept-Encoding: gzip, as browsers send it); the bare route; submit a grant application (Appendix 1,
 * regions/vologda/forms/grant-application.yaml); an officer's transition (REGISTER, a different stored
 * application each time); a page of the officer's inbox. The two scenarios of each ratio run back to
 * back, and a ratio is taken within one round: many short rounds give a steadier median than a few
 * long ones on a machine whose load changes from second to second.
 *
 * Each round prints a table (req/s, p50/p99 latency, server CPU ms per request), the ratios that the
 * targets are stated in; the end prints the median of each ratio over the rounds and, last, exactly
 * one line `submit/baseline throughput: X.XX`. CPU per request is the steadiest figure on a busy
 * machine. Default: 7 rounds of 8 s, 100k applications stored; `--quick` (4 rounds of 2 s, 4k stored)
 * finishes in about a minute; `--prof` writes V8 CPU
 * profiles of the servers to bench/profiles/<server>/ (the largest file is the main thread; summarise with `npx tsx bench/profileTop.ts FILE`).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rename, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Ajv } from 'ajv';
import express from 'express';
import { pino } from 'pino';
import type { ApplicationRecord } from '../engine/api.ts';
import { Engine } from '../engine/Engine.ts';
import { lowdbStore } from '../engine/store/lowdbStore.ts';
import { loadRegions } from '../server/loadRegions.ts';
import { startServer } from '../server/start.ts';
import { grantSubmission } from '../test/server/vologdaData.ts';

/** The part of autocannon's API used here (the package ships no types). */
interface Request {
  method?: 'GET' | 'POST';
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: Request) => Request;
  onResponse?: (status: number, body: string, context: unknown, headers: Record<string, string>) => void;
}
interface LoadOptions extends Request {
  url: string;
  connections: number;
  duration: number;
  requests?: Request[];
}
interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  duration: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: LoadOptions) => Promise<LoadResult>;

const HERE = import.meta.filename;
const VOLOGDA = path.resolve(import.meta.dirname, '../regions/vologda');
const SECRET = randomBytes(32).toString('hex');

// ------------------------------------------------------------------------------------------ servers

type Kind = 'hello' | 'bare' | 'real';

/** Lets the driver read this process's CPU time (user + system, all threads, ms). */
function answerCpuQueries(): void {
  process.on('message', (m) => {
    if (m === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send!({ cpu: (user + system) / 1000 });
    }
  });
}

async function serveHello(): Promise<void> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/', (_req, res) => {
    res.send('Hello World!');
  });
  const server = app.listen(0, '127.0.0.1', () => process.send!({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
  answerCpuQueries();
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

/** 60 fields: strings with patterns and lengths, integers with ranges, booleans and an enum. */
function bareSchemaAndBody(): { schema: Record<string, unknown>; body: Record<string, unknown> } {
  const properties: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (let i = 0; i < 60; i++) {
    const name = `field${i}`;
    switch (i % 4) {
      case 0: properties[name] = { type: 'string', minLength: 1, maxLength: 200 }; body[name] = `Значение поля ${i}`; break;
      case 1: properties[name] = { type: 'integer', minimum: 0, maximum: 1_000_000 }; body[name] = i * 1000; break;
      case 2: properties[name] = { type: 'string', pattern: '^\\d{10}$' }; body[name] = '7707083893'; break;
      default: properties[name] = { enum: ['a', 'b', 'c'] }; body[name] = 'b';
    }
  }
  return { schema: { type: 'object', additionalProperties: false, required: Object.keys(properties), properties }, body };
}

/** express + ajv + a durable atomic file write per request: fsync the file, rename it, fsync the directory. */
async function serveBare(dataDir: string): Promise<void> {
  const validate = new Ajv({ allErrors: true }).compile(bareSchemaAndBody().schema);
  const app = express();
  app.disable('x-powered-by');
  app.post('/submit', express.json({ limit: '1mb' }), async (req, res) => {
    if (!validate(req.body)) {
      res.status(422).json({ errors: validate.errors });
      return;
    }
    const id = randomBytes(8).toString('hex');
    const file = path.join(dataDir, `${id}.json`);
    const tmp = `${file}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify({ id, data: req.body }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
    const dir = await open(dataDir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    res.status(201).json({ id });
  });
  const server = app.listen(0, '127.0.0.1', () => process.send!({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
  answerCpuQueries();
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

/**
 * The real server over Vologda on the embedded store, started as `reglament serve` would start it;
 * reports how long the process took from its start to listening (module loading, region loading,
 * the store's index and log, users), which is what a restart costs with this many applications.
 */
async function serveReal(dataDir: string): Promise<void> {
  const running = await startServer({
    regionsDirs: [VOLOGDA],
    dataDir,
    port: 0,
    // As in production: pino writing asynchronously, here to a file in the data folder.
    logger: pino({ level: 'info' }, pino.destination({ dest: path.join(dataDir, 'server.log'), sync: false })),
    env: { REGLAMENT_SECRET: SECRET },
    devUsers: { cost: { N: 1024, r: 8, p: 1 } },
    loginLimit: { capacity: 1000, refillPerSecond: 1000 },
  });
  process.send!({ url: running.url, readyMs: performance.now() });
  answerCpuQueries();
  process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
}

/**
 * Fills the store of a data folder with `count` grant applications at their first step (one filed
 * through the engine, the rest its copies under ids seed-0000000…, written by bulkImport), in a
 * process of its own so that neither its time nor its garbage lands on the server's figures.
 */
async function seed(dataDir: string, count: number): Promise<void> {
  const loaded = await loadRegions([VOLOGDA]);
  if (!loaded.ok) throw new Error(`regions/vologda does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const store = lowdbStore({ dir: path.join(dataDir, 'store') });
  await store.init();
  try {
    const engine = new Engine({ regions: loaded.regions, store, clock: { now: () => new Date() } });
    const first = (await engine.startApplication('vologda', 'grant', grantSubmission(), { userId: 'applicant@vologda', region: 'vologda', roles: ['applicant'] })).application;
    const copies: ApplicationRecord[] = [];
    for (let i = 0; i < count - 1; i++) copies.push({ ...first, id: seedId(i) });
    await store.bulkImport(copies);
  } finally {
    await store.close();
  }
}

const seedId = (i: number) => `seed-${String(i).padStart(7, '0')}`;

// ------------------------------------------------------------------------------------------ driver

interface Server {
  readonly kind: Kind;
  readonly child: ChildProcess;
  readonly url: string;
  readonly dataDir: string;
  readonly readyMs?: number;
}

async function startChild(kind: Kind, opts: { prof: boolean; stored: number }): Promise<Server> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `reglament-bench-${kind}-`));
  if (kind === 'real' && opts.stored > 1) {
    const seeding = fork(HERE, ['--serve=seed', `--data=${dataDir}`, `--stored=${opts.stored}`], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const code = await new Promise((resolve) => seeding.once('exit', resolve));
    if (code !== 0) throw new Error(`seeding the store failed (exit ${code})`);
  }
  {
    const execArgv = ['--import', 'tsx', ...(opts.prof ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(import.meta.dirname, 'profiles', kind)}`] : [])];
    const child = fork(HERE, [`--serve=${kind}`, `--data=${dataDir}`, `--stored=${opts.stored}`], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise<Server>((resolve, reject) => {
      child.once('message', (m) => {
        child.removeAllListeners('exit');
        const { url, readyMs } = m as { url: string; readyMs?: number };
        resolve({ kind, child, url, dataDir, readyMs });
      });
      child.once('exit', (code) => reject(new Error(`the ${kind} server exited with ${code} before listening`)));
    });
  }
}

async function stopChild(server: Server): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    await new Promise<void>((resolve) => {
      server.child.once('exit', () => resolve());
      server.child.kill('SIGTERM');
    });
  }
  await rm(server.dataDir, { recursive: true, force: true });
}

function serverCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      if (typeof m === 'object' && m !== null && 'cpu' in m) {
        child.off('message', on);
        resolve((m as { cpu: number }).cpu);
      }
    };
    child.on('message', on);
    child.send('cpu');
  });
}

async function login(url: string, who: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: `${who}@vologda`, password: who }) });
  if (!res.ok) throw new Error(`login as ${who}@vologda failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

interface Scenario {
  readonly key: string;
  readonly name: string;
  readonly server: Server;
  readonly expected: number;
  options(seconds: number): LoadOptions;
}

interface Run {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Server CPU (user + system, all threads) per request, ms. */
  readonly cpu: number;
  readonly ok: number;
  readonly failed: number;
}

async function measure(scenario: Scenario, seconds: number): Promise<Run> {
  const before = await serverCpu(scenario.server.child);
  const result = await autocannon(scenario.options(seconds));
  const cpu = (await serverCpu(scenario.server.child)) - before;
  const ok = result.statusCodeStats?.[String(scenario.expected)]?.count ?? 0;
  const total = result.requests.total;
  return { rps: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, cpu: cpu / Math.max(1, total), ok, failed: total - ok + result.errors + result.timeouts };
}

const median = (values: readonly number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The ratios the targets are stated in, from one round's runs. */
interface Ratios {
  submitThroughput: number;
  submitCpu: number;
  submitP99: number;
  formThroughput: number;
}
const RATIO_LABELS: Record<keyof Ratios, string> = {
  submitThroughput: 'submit ÷ bare route, throughput (target ≥ 0.50)',
  submitCpu: 'submit ÷ bare route, CPU per request (target ≤ 2.00)',
  submitP99: 'submit ÷ bare route, p99 latency (target ≤ 2.00)',
  formThroughput: 'GET form ÷ hello-world, throughput (target ≥ 0.50)',
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string', default: '64' },
      stored: { type: 'string' },
      prof: { type: 'boolean', default: false },
      only: { type: 'string' },
      serve: { type: 'string' },
      data: { type: 'string' },
    },
  });
  const stored = Number(values.stored ?? (values.quick ? 4_000 : 100_000));
  if (values.serve === 'hello') return serveHello();
  if (values.serve === 'bare') return serveBare(values.data!);
  if (values.serve === 'real') return serveReal(values.data!);
  if (values.serve === 'seed') {
    await seed(values.data!, stored);
    return;
  }

  const rounds = Number(values.rounds ?? (values.quick ? 4 : 7));
  const seconds = Number(values.duration ?? (values.quick ? 2 : 8));
  const connections = Number(values.connections);
  if (!(rounds >= 1 && seconds >= 1 && connections >= 1 && stored >= 1)) throw new Error('--rounds, --duration, --connections and --stored must be positive numbers');
  const began = performance.now();

  const opts = { prof: values.prof, stored };
  process.stderr.write(`bench: starting the servers (the real one with ${stored.toLocaleString('en')} stored applications)…\n`);
  const servers = await Promise.all((['hello', 'bare', 'real'] as const).map((kind) => startChild(kind, opts)));
  const [hello, bare, real] = servers;
  try {
    const applicant = await login(real.url, 'applicant');
    const officer = await login(real.url, 'officer');
    const submitBody = JSON.stringify({ submission: grantSubmission() });
    const bareBody = JSON.stringify(bareSchemaAndBody().body);
    // Applications at their first step, each taken by one transition: the seeded ones, then those filed by the submit scenario.
    const fresh: string[] = Array.from({ length: stored - 1 }, (_, i) => seedId(i)).reverse();
    let exhausted = 0;
    const every: Scenario[] = [
      { key: 'hello', name: 'hello-world (express)', server: hello, expected: 200, options: (duration) => ({ url: `${hello.url}/`, connections, duration }) },
      // As a browser asks for it: with Accept-Encoding, so the ready gzip copy (4.5 KB of 33 KB) is sent.
      {
        key: 'form',
        name: 'GET form (gzip)',
        server: real,
        expected: 200,
        options: (duration) => ({ url: `${real.url}/api/regions/vologda/services/grant/form`, headers: { 'accept-encoding': 'gzip, deflate, br' }, connections, duration }),
      },
      {
        key: 'bare',
        name: 'bare route (ajv 60 fields + durable write)',
        server: bare,
        expected: 201,
        options: (duration) => ({ url: `${bare.url}/submit`, method: 'POST', headers: { 'content-type': 'application/json' }, body: bareBody, connections, duration }),
      },
      {
        key: 'submit',
        name: 'submit (grant, Appendix 1)',
        server: real,
        expected: 201,
        options: (duration) => ({
          url: real.url,
          connections,
          duration,
          requests: [
            {
              method: 'POST',
              path: '/api/regions/vologda/services/grant/applications',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${applicant}` },
              body: submitBody,
              onResponse: (status, _body, _context, headers) => {
                if (status === 201 && headers.location) fresh.push(decodeURIComponent(headers.location.slice('/api/applications/'.length)));
              },
            },
          ],
        }),
      },
      {
        key: 'transition',
        name: 'transition (officer REGISTER)',
        server: real,
        expected: 200,
        options: (duration) => ({
          url: real.url,
          connections,
          duration,
          requests: [
            {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
              body: JSON.stringify({ event: 'REGISTER', version: 1 }),
              setupRequest: (request) => {
                const id = fresh.pop();
                if (id === undefined) exhausted++;
                return { ...request, path: `/api/applications/${encodeURIComponent(id ?? seedId(0))}/events` };
              },
            },
          ],
        }),
      },
      {
        key: 'inbox',
        name: 'inbox page (officer, 20 rows)',
        server: real,
        expected: 200,
        options: (duration) => ({ url: `${real.url}/api/regions/vologda/inbox?limit=20`, headers: { authorization: `Bearer ${officer}` }, connections, duration }),
      },
    ];
    // --only form,submit: just those scenarios (to profile one), without the ratios.
    const only = values.only?.split(',');
    const scenarios = only ? every.filter((s) => only.includes(s.key)) : every;
    if (scenarios.length === 0) throw new Error(`--only names no scenario (known: ${every.map((s) => s.key).join(', ')})`);

    process.stderr.write(`bench: servers ready (real server: listening ${real.readyMs!.toFixed(0)} ms after its process started); warm-up pass…\n`);
    for (const scenario of scenarios) await measure(scenario, 1);

    const ratios: Ratios[] = [];
    const all: Run[][] = [];
    for (let round = 1; round <= rounds; round++) {
      const runs: Run[] = [];
      for (const scenario of scenarios) runs.push(await measure(scenario, seconds));
      all.push(runs);
      console.log(`\nround ${round} of ${rounds}: ${seconds} s per scenario, ${connections} connections, load average ${loadavg()[0].toFixed(1)}\n`);
      console.log(
        table(
          ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'ok', 'failed'],
          scenarios.map((s, i) => [s.name, runs[i].rps.toFixed(0), String(runs[i].p50), String(runs[i].p99), runs[i].cpu.toFixed(3), String(runs[i].ok), String(runs[i].failed)]),
        ),
      );
      if (only) continue;
      const [h, form, b, submit] = runs;
      const r: Ratios = { submitThroughput: submit.rps / b.rps, submitCpu: submit.cpu / b.cpu, submitP99: submit.p99 / b.p99, formThroughput: form.rps / h.rps };
      ratios.push(r);
      console.log((Object.keys(RATIO_LABELS) as (keyof Ratios)[]).map((k) => `${RATIO_LABELS[k]}: ${r[k].toFixed(2)}`).join('\n'));
    }

    console.log(`\nmedians over ${rounds} rounds (node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${stored.toLocaleString('en')} applications stored at start, real server listening ${real.readyMs!.toFixed(0)} ms after its process started, ${((performance.now() - began) / 1000).toFixed(0)} s in all)\n`);
    console.log(
      table(
        ['scenario', 'req/s', 'p99 ms', 'CPU ms/req'],
        scenarios.map((s, i) => [s.name, median(all.map((runs) => runs[i].rps)).toFixed(0), median(all.map((runs) => runs[i].p99)).toFixed(0), median(all.map((runs) => runs[i].cpu)).toFixed(3)]),
      ),
    );
    if (exhausted > 0) console.log(`WARNING: ${exhausted} transitions found no fresh application (raise --stored)`);
    if (all.some((runs) => runs.some((r) => r.failed > 0))) console.log('WARNING: some requests failed; the figures of those scenarios are not valid');
    if (only) return;
    for (const k of Object.keys(RATIO_LABELS) as (keyof Ratios)[]) console.log(`${RATIO_LABELS[k]}: ${median(ratios.map((r) => r[k])).toFixed(2)}`);
    console.log(`submit/baseline throughput: ${median(ratios.map((r) => r.submitThroughput)).toFixed(2)}`);
  } finally {
    await Promise.all(servers.map(stopChild));
  }
}

await main();
