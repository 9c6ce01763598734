/**
 * `reglament serve [region dirs...] [--port N] [--host H] [--data DIR] [--memory] [--dev-users] [--workers N]`
 * (env PORT, HOST, DATA_DIR, WORKERS, REGLAMENT_SECRET, REGLAMENT_DEV_USERS, NODE_ENV, LOG_LEVEL, TRUST_PROXY, DATABASE_URL,
 * DATABASE_SCHEMA, DATABASE_POOL_SIZE, METRICS_TOKEN, IDEMPOTENCY_KEY_HOURS, AUDIT_RETENTION_DAYS; uploads, drafts and
 * notifications: CLAMD_ADDRESS, CLAMD_TIMEOUT_MS, DRAFT_RETENTION_DAYS, SMTP_URL or SMTP_HOST, SMTP_PORT, SMTP_USER,
 * SMTP_PASSWORD, SMTP_SECURE, SMTP_FROM, OUTBOX_POLL_SECONDS, OUTBOX_LEASE_SECONDS; see the README's
 * "Running in production"). Returns the exit code: 1 when
 * the config is invalid (each loader error printed as file:line:col path message), 2 for bad arguments
 * (--workers above 1 without PostgreSQL among them), 0 after a clean shutdown on SIGINT/SIGTERM.
 * With --workers N > 1 this process becomes the primary of N worker processes (server/workers.ts);
 * each worker runs this same function and finds itself a cluster worker.
 */
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { formatLoadError } from '../config/loader/LoadError.ts';
import { storeSettingsFromEnv } from '../engine/store/createStore.ts';
import { ConfigInvalidError, startServer, type StartOptions } from './start.ts';
import { runPrimary, workersRefusal } from './workers.ts';

export const SERVE_USAGE = 'reglament serve [region-dir...] [--port 3000] [--host 127.0.0.1] [--data ./data] [--memory] [--dev-users] [--workers 1]';
/** More would only contend for the same cores and database connections. */
const MAX_WORKERS = 64;

export interface ServeIo {
  readonly env?: NodeJS.ProcessEnv;
  readonly stderr?: { write(text: string): unknown };
  /** Resolves when the server should stop; default: the first SIGINT or SIGTERM. */
  readonly stopSignal?: Promise<unknown>;
  /** Extra options for startServer (tests pass a logger, a clock...). */
  readonly start?: Partial<StartOptions>;
}

export async function runServe(argv: string[], io: ServeIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const stderr = io.stderr ?? process.stderr;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, memory: { type: 'boolean' }, 'dev-users': { type: 'boolean' }, workers: { type: 'string' } },
    });
  } catch (e) {
    stderr.write(`reglament serve: ${(e as Error).message}\nUsage: ${SERVE_USAGE}\n`);
    return 2;
  }
  const portText = parsed.values.port ?? env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    stderr.write(`reglament serve: --port must be a number from 0 to 65535, got "${portText}"\n`);
    return 2;
  }

  // An empty WORKERS is no setting, as an empty DATABASE_URL is.
  const workersText = parsed.values.workers ?? (env.WORKERS || '1');
  const workers = Number(workersText);
  if (!/^\d+$/.test(workersText) || workers < 1 || workers > MAX_WORKERS) {
    stderr.write(`reglament serve: --workers must be a whole number from 1 to ${MAX_WORKERS}, got "${workersText}"\n`);
    return 2;
  }
  const memory = parsed.values.memory ?? false;
  let databaseUrl: string | undefined;
  try {
    databaseUrl = storeSettingsFromEnv(env).databaseUrl;
  } catch (e) {
    stderr.write(`reglament serve: ${(e as Error).message}\n`);
    return 2;
  }
  const refusal = workersRefusal(workers, { databaseUrl, memory });
  if (refusal) {
    stderr.write(`reglament serve: ${refusal}\n`);
    return 2;
  }

  const options: StartOptions = {
    ...io.start,
    regionsDirs: parsed.positionals,
    port,
    host: parsed.values.host ?? env.HOST ?? '127.0.0.1',
    dataDir: parsed.values.data ?? env.DATA_DIR ?? 'data',
    memory,
    ...(parsed.values['dev-users'] ? { devUsers: io.start?.devUsers || true } : {}),
    env,
  };
  if (workers > 1 && cluster.isPrimary) {
    const logger = io.start?.logger ?? pino({ level: env.LOG_LEVEL ?? 'info' }, pino.destination({ dest: 1, sync: false }));
    return runPrimary(workers, options, { logger, stderr, stopSignal: io.stopSignal ?? signal() });
  }

  let running;
  try {
    // The primary made the users file, so a worker only reads it.
    running = await startServer(cluster.isWorker ? { ...options, sweepUploads: false, devUsers: false } : options);
  } catch (e) {
    if (e instanceof ConfigInvalidError) {
      for (const error of e.errors) stderr.write(`${formatLoadError(error)}\n`);
      stderr.write(`reglament serve: not started: ${e.errors.length} error(s) in the region config\n`);
      return 1;
    }
    stderr.write(`reglament serve: ${(e as Error).message}\n`);
    return 1;
  }

  await (io.stopSignal ?? (cluster.isWorker ? Promise.race([signal(), primaryGone()]) : signal()));
  // A worker gets the terminal's SIGINT and the primary's SIGTERM: the second must not cut its shutdown short.
  if (cluster.isWorker) for (const name of ['SIGINT', 'SIGTERM'] as const) process.on(name, () => undefined);
  await running.close();
  // Lets the worker exit: its channel to the primary would keep it alive.
  if (cluster.isWorker && process.connected) process.disconnect();
  return 0;
}

/** Resolves when a worker's channel to its primary closes (the primary died). */
function primaryGone(): Promise<void> {
  return new Promise((resolve) => process.once('disconnect', () => resolve()));
}

function signal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (name: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(name);
    };
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

/** The `serve` subcommand for tools/cli/main.ts. */
export const serveCommand = {
  summary: 'Run the HTTP API over the region folders (default: every folder under regions/ not starting with "_")',
  usage: SERVE_USAGE,
  run: (args: string[]) => runServe(args),
};
