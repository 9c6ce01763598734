/**
 * `reglament serve --workers N`: N server processes on one port, through node:cluster (the primary
 * process accepts the connections and hands them to the workers in turn). Only on the PostgreSQL
 * store: every worker is a full server (startServer) sharing the database, which serialises what must
 * be serialised (versions, licence numbers) in its transactions.
 *
 * What must happen once happens in the primary before any worker starts (prepareOnce): the config is
 * checked, the migrations run, the users file and token secret are created if missing; the hourly
 * sweep of old uploads runs in the primary only. A worker that dies after it was serving is replaced;
 * one that dies before it ever listened, or too many deaths in a minute, stop the whole server with
 * exit code 1 rather than restarting in a loop. SIGINT/SIGTERM: every worker finishes its requests in
 * flight and closes its store, then the primary exits 0.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { formatLoadError } from '../config/loader/LoadError.ts';
import { serveClusterMetrics } from './ops/metrics.ts';
import { ConfigInvalidError, prepareOnce, type StartOptions } from './start.ts';

/** Restarts allowed within RESTART_WINDOW_MS before the primary gives up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

/** Why `--workers N` cannot run with these settings, or null when it can. */
export function workersRefusal(workers: number, settings: { databaseUrl?: string; memory?: boolean }): string | null {
  if (workers <= 1) return null;
  if (settings.memory) return `--workers ${workers} cannot run with --memory: each process would keep applications of its own; run one process`;
  if (!settings.databaseUrl) {
    return (
      `--workers ${workers} needs the PostgreSQL store (set DATABASE_URL): the embedded file store keeps its index and ` +
      'write-ahead log in the memory of one process, so only one process may write to it; run one process without --workers'
    );
  }
  return null;
}

export interface PrimaryIo {
  readonly logger: Logger;
  readonly stderr: { write(text: string): unknown };
  /** Resolves when the server should stop. */
  readonly stopSignal: Promise<unknown>;
  /** How long to wait for the workers to finish before killing them. */
  readonly graceMs?: number;
}

/** Runs the primary process: prepares, forks `count` workers, keeps them running until stopped. Returns the exit code. */
export async function runPrimary(count: number, start: StartOptions, io: PrimaryIo): Promise<number> {
  const { logger, stderr } = io;
  let stopSweeping: () => Promise<void>;
  try {
    stopSweeping = await prepareOnce({ ...start, logger });
  } catch (e) {
    if (e instanceof ConfigInvalidError) {
      for (const error of e.errors) stderr.write(`${formatLoadError(error)}\n`);
      stderr.write(`reglament serve: not started: ${e.errors.length} error(s) in the region config\n`);
    } else {
      stderr.write(`reglament serve: ${(e as Error).message}\n`);
    }
    return 1;
  }

  let stopping = false;
  let failed: string | null = null;
  const listened = new Set<number>();
  const restarts: number[] = [];
  let announced = false;
  let wake!: () => void;
  const failure = new Promise<void>((resolve) => (wake = resolve));

  // A scrape of /metrics reaches one worker, which asks here for the sum over all of them.
  serveClusterMetrics();
  const fork = (): Worker => cluster.fork();
  cluster.on('listening', (worker, address) => {
    listened.add(worker.id);
    if (!announced && listened.size >= count) {
      announced = true;
      const host = address.addressType === 6 ? `[${address.address}]` : (address.address ?? '127.0.0.1');
      logger.info(`reglament listening on http://${host}:${address.port} with ${count} worker processes (pids ${Object.values(cluster.workers ?? {}).map((w) => w?.process.pid).join(', ')})`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (!listened.has(worker.id)) {
      failed = `a worker process stopped before it was serving (${how}); see its messages above`;
      wake();
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && restarts[0] < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length > MAX_RESTARTS) {
      failed = `worker processes stopped ${restarts.length} times within ${RESTART_WINDOW_MS / 1000} s; giving up`;
      wake();
      return;
    }
    logger.error(`worker process ${worker.process.pid} stopped (${how}); starting another`);
    fork();
  });
  for (let i = 0; i < count; i++) fork();

  await Promise.race([io.stopSignal, failure]);
  stopping = true;
  await stopWorkers(io.graceMs ?? 15_000);
  await stopSweeping();
  if (failed) {
    stderr.write(`reglament serve: ${failed}\n`);
    return 1;
  }
  logger.info('reglament stopped (all worker processes)');
  logger.flush();
  return 0;
}

/** SIGTERM to every worker (each finishes its requests and closes its store), SIGKILL after `graceMs`. */
async function stopWorkers(graceMs: number): Promise<void> {
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => worker.process.kill('SIGKILL'), graceMs);
          worker.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          worker.process.kill('SIGTERM');
        }),
    ),
  );
}
