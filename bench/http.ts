/**
 * HTTP benchmark, side by side: `npm run bench -- http [--quick] [--rounds 7] [--duration 8]
 * [--connections 64] [--stored 100000] [--only form,submit] [--prof]`.
 *
 * Every server is started at once, each in its own child process on loopback with its own temporary
 * data folder, before anything is measured:
 *   hello     express hello-world (GET /), the floor of any express endpoint;
 *   bare      express + ajv of a 60-field JSON body + a durable atomic write (temp file, fsync, rename,
 *             fsync of the directory), the least any durable JSON endpoint does;
 *   real      `bin/reglament.mjs serve regions/vologda`, as deployed, with every feature on: request log
 *             (pino, async, to a file), security headers, bearer-token auth, history, durable
 *             acknowledgement (lowdb store: write-ahead log, fdatasync before the answer). Its store holds
 *             `--stored` applications at the grant procedure's first step before it starts; the time from
 *             spawning it to its listening line is printed.
 * Then the scenarios run one after another, round after round (after one warm-up pass), so the noise
 * of a shared machine lands on all of them alike: hello-world; GET the grant form (with
 * Accept-Encoding: gzip, as browsers send it); the bare route; submit a grant application (Appendix 1,
 * regions/vologda/forms/grant-application.yaml); an officer's transition (REGISTER, a different stored
 * application each time); a page of the officer's inbox. The two scenarios of each ratio take turns
 * within a round (2 slices each with --quick, 4 otherwise: bare, submit, bare, submit), and a ratio is taken within one
 * round, so that both see the same moments of a machine whose load changes from second to second.
 *
 * Each round prints a table (req/s, p50/p99 latency, server CPU ms per request), the ratios that the
 * targets are stated in; the end prints the median of each ratio over the rounds and, last, exactly
 * one line `submit/baseline throughput: X.XX`. CPU per request is the steadiest figure on a busy
 * machine; it is read from /proc (Linux). Default: 7 rounds of 8 s, 100k applications stored;
 * `--quick` (3 rounds of 1.5 s, 10,000 stored) finishes in about a minute. `--prof` writes V8 CPU profiles of
 * the servers to bench/profiles/<server>/ (the largest file is the main thread; summarise with
 * `npx tsx bench/profileTop.ts FILE`).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readFile, rename, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Ajv } from 'ajv';
import express from 'express';
import type { ApplicationRecord } from '../engine/api.ts';

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
const REPO = path.resolve(import.meta.dirname, '..');
const VOLOGDA = path.join(REPO, 'regions/vologda');
const SECRET = randomBytes(32).toString('hex');

// ------------------------------------------------------------------------------------------ servers

type Kind = 'hello' | 'bare' | 'real';

async function serveHello(): Promise<void> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/', (_req, res) => {
    res.send('Hello World!');
  });
  const server = app.listen(0, '127.0.0.1', () => process.send!({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }));
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
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

/**
 * Fills the store of a data folder with `count` grant applications at their first step (one filed
 * through the engine, the rest its copies under ids seed-0000000…, written by bulkImport), and writes
 * the development users (with a cheap password hash, so logging in costs the benchmark nothing).
 * Runs in the driver before the real server starts, so neither its time nor its garbage lands on the
 * server's figures.
 */
async function seed(dataDir: string, count: number, submits: number): Promise<string[]> {
  const { loadRegions } = await import('../server/loadRegions.ts');
  const { Engine } = await import('../engine/Engine.ts');
  const { lowdbStore } = await import('../engine/store/lowdbStore.ts');
  const { devUsers } = await import('../server/auth/devUsers.ts');
  const { UserDirectory } = await import('../server/auth/users.ts');
  const { grantSubmission } = await import('../test/server/vologdaData.ts');
  const { storedUploads } = await import('./storedUploads.ts');
  const loaded = await loadRegions([VOLOGDA]);
  if (!loaded.ok) throw new Error(`regions/vologda does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  await new UserDirectory(await devUsers(loaded.regions, { cost: { N: 1024, r: 8, p: 1 } }), path.join(dataDir, 'users.json')).save();
  const store = lowdbStore({ dir: path.join(dataDir, 'store') });
  await store.init();
  try {
    const applicant = { userId: 'applicant@vologda', region: 'vologda', roles: ['applicant'] };
    const target = { owner: applicant.userId, region: 'vologda', service: 'grant', form: 'grant-application' };
    if (count > 1) {
      const engine = new Engine({ regions: loaded.regions, store, clock: { now: () => new Date() } });
      const first = (await engine.startApplication('vologda', 'grant', await storedUploads(store, target, grantSubmission()), applicant)).application;
      const copies: ApplicationRecord[] = [];
      for (let i = 0; i < count - 1; i++) copies.push({ ...first, id: seedId(i) });
      await store.bulkImport(copies);
    }
    // A filing refers to the files the applicant uploaded before it, and an upload is filed with one
    // application only: each submit the scenario sends gets a body of its own, its uploads already stored
    // (as the upload route leaves them), so the submit route pays for checking and filing them.
    const bodies: string[] = [];
    for (let i = 0; i < submits; i += 64) {
      const batch = await Promise.all(Array.from({ length: Math.min(64, submits - i) }, () => storedUploads(store, target, grantSubmission())));
      for (const submission of batch) bodies.push(JSON.stringify({ submission }));
    }
    return bodies;
  } finally {
    await store.close();
  }
}

/**
 * The real server, started as a deployment starts it: `bin/reglament.mjs serve regions/vologda` in a
 * process of its own, its pino log written to a file in its data folder. Returns when the log says it
 * listens and has done its first sweep of old uploads, with the time from spawning the process to the
 * listening line (module loading, regions, the store's index and log, users): what a restart costs
 * with this many applications.
 */
async function startReal(dataDir: string, prof: boolean): Promise<{ child: ChildProcess; url: string; readyMs: number }> {
  const logFile = path.join(dataDir, 'server.log');
  const log = await open(logFile, 'a');
  const started = performance.now();
  const execArgv = prof ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(import.meta.dirname, 'profiles', 'real')}`] : [];
  const child = spawn(process.execPath, [...execArgv, path.join(REPO, 'bin/reglament.mjs'), 'serve', VOLOGDA, '--port', '0', '--data', dataDir], {
    cwd: REPO,
    env: { ...process.env, REGLAMENT_SECRET: SECRET, LOG_LEVEL: 'info', DATABASE_URL: '', WORKERS: '' },
    stdio: ['ignore', log.fd, log.fd],
  });
  await log.close();
  let readyMs: number | undefined;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the real server exited with ${child.exitCode}:\n${await readFile(logFile, 'utf8')}`);
    const text = await readFile(logFile, 'utf8');
    const url = /reglament listening on (http:\/\/[^ ]+) /.exec(text)?.[1];
    readyMs ??= url ? performance.now() - started : undefined;
    // Measured once the sweep it starts with is done: it reads every pending upload's record, and the
    // seed left thousands (the submit bodies' files), which a server rarely holds at once.
    if (url && /swept uploads and drafts/.test(text)) return { child, url, readyMs: readyMs! };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const seedId = (i: number) => `seed-${String(i).padStart(7, '0')}`;

// ------------------------------------------------------------------------------------------ driver

/** The submit scenario's bodies, one per request, each with uploads of its own (seed). */
let submitBodies: string[] = [];

interface Server {
  readonly kind: Kind;
  readonly child: ChildProcess;
  readonly url: string;
  readonly dataDir: string;
  readonly readyMs?: number;
}

async function startChild(kind: Kind, opts: { prof: boolean; stored: number; submits: number }): Promise<Server> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `reglament-bench-${kind}-`));
  if (kind === 'real') {
    await mkdir(dataDir, { recursive: true });
    submitBodies = await seed(dataDir, opts.stored, opts.submits);
    return { kind, dataDir, ...(await startReal(dataDir, opts.prof)) };
  }
  const execArgv = ['--import', 'tsx', ...(opts.prof ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(import.meta.dirname, 'profiles', kind)}`] : [])];
  const child = fork(HERE, [`--serve=${kind}`, `--data=${dataDir}`], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<Server>((resolve, reject) => {
    child.once('message', (m) => {
      child.removeAllListeners('exit');
      resolve({ kind, child, url: (m as { url: string }).url, dataDir });
    });
    child.once('exit', (code) => reject(new Error(`the ${kind} server exited with ${code} before listening`)));
  });
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

/** CPU time (user + system, all threads) of a server process so far, ms, from /proc (Linux). */
async function serverCpu(child: ChildProcess): Promise<number> {
  const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'; utime and stime are in clock ticks (100 per second).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
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

/** One autocannon run of a scenario, with the server's CPU over it. */
async function measureOnce(scenario: Scenario, seconds: number) {
  const before = await serverCpu(scenario.server.child);
  const result = await autocannon(scenario.options(seconds));
  const cpu = (await serverCpu(scenario.server.child)) - before;
  const ok = result.statusCodeStats?.[String(scenario.expected)]?.count ?? 0;
  const total = result.requests.total;
  return { ok, total, cpu, duration: result.duration, p50: result.latency.p50, p99: result.latency.p99, failed: total - ok + result.errors + result.timeouts };
}

/**
 * The scenarios of `group` (the two of a ratio) taken in turns, `slices` short runs each, so that both
 * see the same moments of a machine whose load comes and goes. Throughput is all answers over all the
 * time; CPU per request all CPU over all requests; p50/p99 the mean of the slices' weighted by requests.
 */
async function measureInterleaved(group: readonly Scenario[], seconds: number, slices: number): Promise<Run[]> {
  const parts = group.map(() => [] as Awaited<ReturnType<typeof measureOnce>>[]);
  for (let k = 0; k < slices; k++) for (const [i, scenario] of group.entries()) parts[i].push(await measureOnce(scenario, seconds / slices));
  return parts.map((slice) => {
    const sum = (f: (x: (typeof slice)[number]) => number) => slice.reduce((n, x) => n + f(x), 0);
    const total = Math.max(1, sum((x) => x.total));
    return {
      rps: sum((x) => x.ok) / sum((x) => x.duration),
      p50: Math.round(sum((x) => x.p50 * x.total) / total),
      p99: Math.round(sum((x) => x.p99 * x.total) / total),
      cpu: sum((x) => x.cpu) / total,
      ok: sum((x) => x.ok),
      failed: sum((x) => x.failed),
    };
  });
}

/** Scenarios in order, the two of each ratio (hello-world and form, bare route and submit) grouped to run in turns. */
function groupsOf(scenarios: readonly Scenario[]): Scenario[][] {
  const pairs = [['hello', 'form'], ['bare', 'submit']];
  const groups: Scenario[][] = [];
  for (const scenario of scenarios) {
    const last = groups.at(-1);
    if (last?.length === 1 && pairs.some(([a, b]) => last[0].key === a && scenario.key === b)) last.push(scenario);
    else groups.push([scenario]);
  }
  return groups;
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
  const stored = Number(values.stored ?? (values.quick ? 10_000 : 100_000));
  if (values.serve === 'hello') return serveHello();
  if (values.serve === 'bare') return serveBare(values.data!);

  const rounds = Number(values.rounds ?? (values.quick ? 3 : 7));
  const seconds = Number(values.duration ?? (values.quick ? 1.5 : 8));
  // Turns each scenario of a ratio takes with its partner in a round (measureInterleaved).
  const slices = values.quick ? 2 : 4;
  const connections = Number(values.connections);
  if (!(rounds >= 1 && seconds >= 1 && connections >= 1 && stored >= 1)) throw new Error('--rounds, --duration, --connections and --stored must be positive numbers');
  const began = performance.now();

  // Enough submit bodies for the warm-up and every round at up to 1,000 filings a second; past that they
  // repeat, and a repeated body is refused (its uploads are filed), which the round reports as errors.
  const submits = Math.ceil(1000 * ((values.quick ? 1.5 : 3) + rounds * seconds));
  const opts = { prof: values.prof, stored, submits };
  process.stderr.write(`bench: starting the servers (the real one with ${stored.toLocaleString('en')} stored applications)…\n`);
  const starting = (['hello', 'bare', 'real'] as const).map((kind) => startChild(kind, opts));
  const settled = await Promise.allSettled(starting);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    // Stop the ones that did start before giving up.
    await Promise.all(settled.flatMap((r) => (r.status === 'fulfilled' ? [stopChild(r.value)] : [])));
    throw failed.reason;
  }
  const servers = settled.map((r) => (r as PromiseFulfilledResult<Server>).value);
  const [hello, bare, real] = servers;
  try {
    const applicant = await login(real.url, 'applicant');
    const officer = await login(real.url, 'officer');
    let nextBody = 0;
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
              setupRequest: (request) => ({ ...request, body: submitBodies[nextBody++ % submitBodies.length] }),
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

    const elapsed = () => `${((performance.now() - began) / 1000).toFixed(0)} s`;
    process.stderr.write(`bench: servers ready after ${elapsed()} (real server: listening ${real.readyMs!.toFixed(0)} ms after it was spawned); warm-up pass…\n`);
    // Long enough for V8 to optimise the submit path: with 1 s the first round still paid for compiling it.
    for (const scenario of scenarios) await measureOnce(scenario, values.quick ? 1.5 : 3);
    process.stderr.write(`bench: warm-up done after ${elapsed()}\n`);

    const ratios: Ratios[] = [];
    const all: Run[][] = [];
    for (let round = 1; round <= rounds; round++) {
      const runs: Run[] = [];
      // A scenario with no partner runs in one piece: every slice ends by waiting for its slowest answers.
      for (const group of groupsOf(scenarios)) runs.push(...(await measureInterleaved(group, seconds, group.length > 1 ? slices : 1)));
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

    console.log(`\nmedians over ${rounds} rounds (node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${stored.toLocaleString('en')} applications stored at start, real server listening ${real.readyMs!.toFixed(0)} ms after it was spawned, ${((performance.now() - began) / 1000).toFixed(0)} s in all)\n`);
    console.log(
      table(
        ['scenario', 'req/s', 'p99 ms', 'CPU ms/req'],
        scenarios.map((s, i) => [s.name, median(all.map((runs) => runs[i].rps)).toFixed(0), median(all.map((runs) => runs[i].p99)).toFixed(0), median(all.map((runs) => runs[i].cpu)).toFixed(3)]),
      ),
    );
    if (exhausted > 0) console.log(`WARNING: ${exhausted} transitions found no fresh application (raise --stored)`);
    if (nextBody > submitBodies.length) console.log(`WARNING: ${nextBody - submitBodies.length} submits repeated a body whose uploads were already filed (seed more bodies)`);
    if (all.some((runs) => runs.some((r) => r.failed > 0))) console.log('WARNING: some requests failed; the figures of those scenarios are not valid');
    if (only) return;
    for (const k of Object.keys(RATIO_LABELS) as (keyof Ratios)[]) console.log(`${RATIO_LABELS[k]}: ${median(ratios.map((r) => r[k])).toFixed(2)}`);
    console.log(`submit/baseline throughput: ${median(ratios.map((r) => r.submitThroughput)).toFixed(2)}`);
  } finally {
    await Promise.all(servers.map(stopChild));
  }
}

await main();
