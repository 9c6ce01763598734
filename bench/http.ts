/**
 * HTTP benchmark: `npx tsx bench/http.ts [--duration 10] [--connections 64] [--prof]`.
 *
 * Each server runs in its own child process (so the load generator does not share its event loop),
 * on loopback, with a temporary data folder:
 *   (a) GET the compiled grant form of the Vologda region (real server: loader, engine, lowdb store);
 *   (b) POST a valid grant application (validation, fee and due dates, workflow start, durable store write);
 *   (c) baseline: a bare express route that checks a 60-field JSON body with ajv and writes it to a file
 *       atomically (temp file, fsync, rename), the least any durable JSON endpoint does.
 * Prints requests per second, p50/p99 latency and the submit/baseline ratio. `--prof` writes V8 CPU
 * profiles of the server processes to bench/profiles/ (open them in Chrome DevTools).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Ajv } from 'ajv';
import express from 'express';
import { pino } from 'pino';
import { startServer } from '../server/start.ts';
import { grantSubmission } from '../test/server/vologdaData.ts';

/** The part of autocannon's API used here (the package ships no types). */
interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}
interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  statusCodeStats?: Record<string, { count: number }>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: LoadOptions) => Promise<LoadResult>;

const HERE = import.meta.filename;
const VOLOGDA = path.resolve(import.meta.dirname, '../regions/vologda');

// ------------------------------------------------------------------------------------------ servers

/** The real server over Vologda; reports its URL to the parent. */
async function serveReal(dataDir: string, memory: boolean): Promise<void> {
  const running = await startServer({
    regionsDirs: [VOLOGDA],
    dataDir,
    memory,
    port: 0,
    // Request logs stay on (as in production) but go nowhere.
    logger: pino({ level: 'info' }, pino.destination('/dev/null')),
    env: { REGLAMENT_SECRET: randomBytes(32).toString('hex') },
    loginLimit: { capacity: 1000, refillPerSecond: 1000 },
    // The benchmark signs in as the development applicant.
    devUsers: true,
  });
  process.send!({ url: running.url });
  answerCpuQueries();
  process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
}

/** Lets the driver read this process's CPU time (user + system, ms), which contention on the machine distorts less than latency. */
function answerCpuQueries(): void {
  process.on('message', (m) => {
    if (m === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send!({ cpu: (user + system) / 1000 });
    }
  });
}

/** 60 fields: strings with patterns and lengths, integers with ranges, booleans and an enum. */
function baselineSchemaAndBody(): { schema: Record<string, unknown>; body: Record<string, unknown> } {
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

/** Baseline: express + ajv + an atomic, durable file write per request. */
async function serveBaseline(dataDir: string): Promise<void> {
  const validate = new Ajv({ allErrors: true }).compile(baselineSchemaAndBody().schema);
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
    res.status(201).json({ id });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    process.send!({ url: `http://127.0.0.1:${address.port}` });
  });
  answerCpuQueries();
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

// ------------------------------------------------------------------------------------------ driver

interface Run {
  readonly name: string;
  /** Server CPU time per request, ms. */
  readonly cpu: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  readonly failed: number;
}

function startChild(kind: 'real' | 'baseline', dataDir: string, prof: boolean, threadpool: string | undefined, memory = false): Promise<{ child: ChildProcess; url: string }> {
  const execArgv = ['--import', 'tsx', ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(import.meta.dirname, 'profiles')}`] : [])];
  const child = fork(HERE, [`--serve=${kind}`, `--data=${dataDir}`, ...(memory ? ['--memory'] : [])], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...(threadpool ? { UV_THREADPOOL_SIZE: threadpool } : {}) },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, url: (m as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
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

async function load(name: string, child: ChildProcess, options: LoadOptions, expected: number, warmupSeconds: number): Promise<Run> {
  await autocannon({ ...options, duration: warmupSeconds });
  const cpuBefore = await serverCpu(child);
  const result = await autocannon(options);
  const cpu = (await serverCpu(child)) - cpuBefore;
  const ok = result.statusCodeStats?.[String(expected)]?.count ?? 0;
  return { name, cpu: cpu / Math.max(1, result.requests.total), rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, ok, failed: result.requests.total - ok + result.errors };
}

/** Logs in as the development applicant of the real server. */
async function applicantToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'applicant@vologda', password: 'applicant' }) });
  return ((await res.json()) as { token: string }).token;
}

/** Starts one server in a child process, runs `work` against it, stops it and removes its data. */
async function withServer<T>(kind: 'real' | 'baseline', opts: { prof: boolean; threadpool?: string; memory?: boolean }, work: (url: string, child: ChildProcess) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `reglament-bench-${kind}-`));
  const { child, url } = await startChild(kind, dataDir, opts.prof, opts.threadpool, opts.memory);
  try {
    return await work(url, child);
  } finally {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '64' },
      prof: { type: 'boolean', default: false },
      threadpool: { type: 'string' },
      serve: { type: 'string' },
      data: { type: 'string' },
      memory: { type: 'boolean', default: false },
    },
  });
  if (values.serve === 'real') return serveReal(values.data!, values.memory);
  if (values.serve === 'baseline') return serveBaseline(values.data!);

  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const warmup = Math.min(3, Math.max(1, Math.round(duration / 4)));
  const opts = { prof: values.prof, threadpool: values.threadpool };
  const submitBody = JSON.stringify({ submission: grantSubmission() });
  const submit = (url: string, token: string): LoadOptions => ({
    url: `${url}/api/regions/vologda/services/grant/applications`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: submitBody,
    connections,
    duration,
  });
  const runs: Run[] = [];

  await withServer('real', opts, async (url, child) => {
    const token = await applicantToken(url);
    runs.push(await load('GET form', child, { url: `${url}/api/regions/vologda/services/grant/form`, connections, duration }, 200, warmup));
    runs.push(await load('POST application', child, submit(url, token), 201, warmup));
  });
  const { body: baselineBody } = baselineSchemaAndBody();
  await withServer('baseline', opts, async (url, child) => {
    runs.push(await load('baseline (ajv 60 fields + atomic write)', child, { url: `${url}/submit`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(baselineBody), connections, duration }, 201, warmup));
  });
  // Diagnostic: the same submit with the in-memory store shows what the durable file store costs.
  await withServer('real', { ...opts, memory: true }, async (url, child) => {
    runs.push(await load('POST application, memory store (diagnostic)', child, submit(url, await applicantToken(url)), 201, warmup));
  });

  const threads = values.threadpool ?? process.env.UV_THREADPOOL_SIZE ?? '4 (default)';
  console.log(`\nreglament HTTP benchmark: ${connections} connections, ${duration} s each (after ${warmup} s warm-up), node ${process.version}, UV_THREADPOOL_SIZE ${threads}\n`);
  console.log(`${'scenario'.padEnd(46)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'cpu ms/req'.padStart(12)}${'ok'.padStart(9)}${'failed'.padStart(8)}`);
  for (const r of runs) {
    console.log(`${r.name.padEnd(46)}${r.rps.toFixed(0).padStart(9)}${String(r.p50).padStart(9)}${String(r.p99).padStart(9)}${r.cpu.toFixed(2).padStart(12)}${String(r.ok).padStart(9)}${String(r.failed).padStart(8)}`);
  }
  console.log('(cpu ms/req: server process CPU, user + system, all threads, per request)');
  const [, post, baseline] = runs;
  const ratio = baseline.rps / post.rps;
  console.log(`\nsubmit/baseline throughput ratio ${(post.rps / baseline.rps).toFixed(2)} (baseline is ${ratio.toFixed(2)}x; target: within 2x) ${ratio <= 2 ? 'OK' : 'SLOWER'}`);
  console.log(`submit p99 ${post.p99} ms (target < 50 ms) ${post.p99 < 50 ? 'OK' : 'SLOWER'}`);
  if (runs.some((r) => r.failed > 0)) console.log('WARNING: some requests failed; the numbers above are not valid');
}

await main();
