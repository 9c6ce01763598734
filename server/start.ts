/**
 * Starts the server: loads and checks every region folder (refusing to start on any error), opens the
 * store and the users under the data folder, and listens. `close()` shuts down gracefully: stop
 * accepting, let requests in flight finish, then close the store.
 */
import { existsSync } from 'node:fs';
import type { LiveHub } from './live/LiveHub.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import type { LoadError } from '../config/loader/LoadError.ts';
import type { Clock, EngineApi, RegionConfig, Store } from '../engine/api.ts';
import { createStore, storeSettingsFromEnv } from '../engine/store/createStore.ts';
import { Engine } from '../engine/Engine.ts';
import type { DevUserOptions } from './auth/devUsers.ts';
import type { UserDirectory } from './auth/users.ts';
import { loadSecret } from './auth/secret.ts';
import { PasswordPool, type PasswordPoolOptions } from './auth/passwordPool.ts';
import { SessionRevocations } from './auth/sessionRevocations.ts';
import type { BucketOptions } from './auth/rateLimit.ts';
import { createApp } from './createApp.ts';
import { loadRegions, type RegionsResult } from './loadRegions.ts';
import { createLogger } from './log/createLogger.ts';
import type { Readiness } from './ops/health.ts';
import { Metrics } from './ops/metrics.ts';
import { defaultRegionDirs } from './regionDirs.ts';
import { Mailer, mailerOptionsFromEnv, smtpFromEnv, type MailerOptions } from './notifications/mailer.ts';
import { draftRetentionDays, sweepRegularly } from './uploads/retention.ts';
import { scannerFromEnv } from './uploads/virusScan.ts';
import { openUsers } from './users.ts';

/** How often a server re-reads the sessions other processes ended (PostgreSQL shared by several). */
const REVOCATIONS_REREAD_MS = 5_000;
/** How long the read audit keeps a read unless AUDIT_RETENTION_DAYS says otherwise. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

export interface StartOptions {
  /** Region folders; default every subfolder of ./regions not starting with "_". */
  readonly regionsDirs?: readonly string[];
  /** Where the store, users.json and the token secret live; default ./data. */
  readonly dataDir?: string;
  /** Default 3000; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Keep applications in memory only (demos, benchmarks); nothing is written to the store folder. */
  readonly memory?: boolean;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly env?: NodeJS.ProcessEnv;
  readonly loginLimit?: BucketOptions;
  /** How many login password checks run at once and may wait; default one at a time, 64 waiting. */
  readonly passwordPool?: PasswordPoolOptions;
  /**
   * Create the development users (`<role>@<region>`, password = role id) when users.json is missing;
   * refused with NODE_ENV=production. Default: REGLAMENT_DEV_USERS=1 in the environment.
   */
  readonly devUsers?: DevUserOptions | boolean;
  /** The built web UI to serve at "/"; default renderer/dist when it has been built; false: API only. */
  readonly rendererDir?: string | false;
  /** Report process metrics (CPU, memory, event loop) at /metrics; default true. Tests starting many servers in one process turn it off. */
  readonly processMetrics?: boolean;
  /** How long close() waits for requests in flight before cutting connections. Default 10 s. */
  readonly shutdownGraceMs?: number;
  /** Timing of the outbox's e-mail sender (tests shorten the pauses). */
  readonly mail?: MailerOptions;
  /**
   * Remove old uploads and drafts at start and hourly (default true). `serve --workers` leaves it to
   * the primary process, so N workers do not sweep the same store N times.
   */
  readonly sweepUploads?: boolean;
}

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  readonly regions: readonly RegionConfig[];
  readonly engine: EngineApi;
  readonly store: Store;
  readonly users: UserDirectory;
  /** Login password checks, running and waiting. */
  readonly passwords: PasswordPool;
  /** What /readyz reports besides the store: shuttingDown turns true when close() begins. */
  readonly readiness: Readiness;
  readonly logger: Logger;
  /** Sends the outbox's e-mails; null when no SMTP server is configured (they wait in the outbox). */
  readonly mailer: Mailer | null;
  close(): Promise<void>;
}

/** The region config has errors: the server did not start. */
export class ConfigInvalidError extends Error {
  override name = 'ConfigInvalidError';
  constructor(readonly errors: readonly LoadError[]) {
    super(`the region config has ${errors.length} error(s)`);
  }
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger(env);
  const clock = options.clock ?? { now: () => new Date() };
  const dataDir = path.resolve(options.dataDir ?? 'data');

  const dirs = options.regionsDirs && options.regionsDirs.length > 0 ? [...options.regionsDirs] : await defaultRegionDirs();
  // DATABASE_URL selects PostgreSQL; otherwise lowdb files under <data>/store. A store that already
  // holds data opens (index, log replay, migrations) while the regions load, so a start with many
  // applications waits for the longer of the two; a new embedded store is created only once the
  // config has loaded, so a server that refuses its config writes nothing.
  const settings = storeSettingsFromEnv(env);
  const store = createStore({ dataDir, memory: options.memory, ...settings, onDatabaseError: (e) => logger.error({ err: e }, 'database connection failed') });
  const storeExists = options.memory === true || settings.databaseUrl !== undefined || existsSync(path.join(dataDir, 'store'));
  const regionsLoading = loadRegions(dirs);
  const [loaded, opened] = await Promise.allSettled([
    regionsLoading,
    // true once the store is open (and must be closed again on a refusal)
    storeExists ? store.init().then(() => true) : regionsLoading.then((r) => r.ok && store.init().then(() => true)),
  ]);
  // The config's errors first: they are what the person starting the server has to fix.
  const configError = loaded.status === 'rejected' ? loaded.reason : loaded.value.ok ? undefined : new ConfigInvalidError(loaded.value.errors);
  if (configError !== undefined || opened.status === 'rejected') {
    if (opened.status === 'fulfilled' && opened.value) await store.close();
    throw configError ?? (opened as PromiseRejectedResult).reason;
  }
  const { regions } = (loaded as PromiseFulfilledResult<Extract<RegionsResult, { ok: true }>>).value;
  let stopFollowing = () => {};
  let stopPruning = () => {};
  let stopWatching = () => {};
  try {
    // Documents link to the registry this server publishes: at PUBLIC_URL, else where it listens.
    let listeningUrl: string | undefined;
    const engine = new Engine({ regions, store, clock, publicUrl: () => env.PUBLIC_URL || listeningUrl });
    const askedDevUsers = options.devUsers ?? env.REGLAMENT_DEV_USERS === '1';
    const users = await openUsers(dataDir, regions, logger, {
      devUsers: askedDevUsers === true ? {} : askedDevUsers,
      production: env.NODE_ENV === 'production',
      memory: options.memory,
    });
    const tokenSecret = await loadSecret(dataDir, env, { memory: options.memory });
    const rendererDir = options.rendererDir === false ? undefined : (options.rendererDir ?? builtRenderer());
    if (!rendererDir) logger.info('serving the API only (no built web UI: npm run build)');
    const passwords = new PasswordPool(options.passwordPool);
    // Logged-out sessions: kept in the store, re-read every few seconds for those other processes ended.
    const sessions = new SessionRevocations(store, () => clock.now());
    await sessions.load();
    stopFollowing = sessions.follow(REVOCATIONS_REREAD_MS, (e) => logger.error({ err: e }, 'reading revoked sessions failed'));
    // users.json changed by `reglament users ...`: new users, passwords and revocations apply without a restart.
    stopWatching = users.watch((e) => (e ? logger.error({ err: e }, 'users.json changed but cannot be read; keeping the users read before') : logger.info(`users.json changed: ${users.size} user(s)`)));
    const metrics = new Metrics({ regions, store, clock, processMetrics: options.processMetrics ?? true });
    const readiness: Readiness = { shuttingDown: false };
    const metricsToken = env.METRICS_TOKEN || undefined;
    // In production metrics are served to a scraper that holds METRICS_TOKEN, never to anyone who reaches the port.
    const metricsClosed = !metricsToken && env.NODE_ENV === 'production';
    if (metricsClosed) logger.warn('GET /metrics is refused (403): NODE_ENV=production and METRICS_TOKEN is not set; set METRICS_TOKEN (e.g. openssl rand -base64 32) and give it to the scraper as a bearer token');
    const scanner = scannerFromEnv(env);
    if (scanner) logger.info(`uploads are scanned by clamd at ${env.CLAMD_ADDRESS}`);
    const draftDays = draftRetentionDays(env);
    const app = createApp({
      engine,
      users,
      logger,
      tokenSecret,
      clock,
      loginLimit: options.loginLimit,
      passwords,
      sessions,
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
      rendererDir,
      scanner,
      draftRetentionDays: draftDays,
      idempotencyTtlMs: hoursFromEnv(env, 'IDEMPOTENCY_KEY_HOURS'),
      metrics,
      store,
      readiness,
      metricsToken,
      metricsClosed,
    });
    // Every process sends e-mails: the outbox gives each due one to one sender at a time.
    const smtp = smtpFromEnv(env);
    const mailer = smtp ? new Mailer(store, smtp, clock, logger, { ...mailerOptionsFromEnv(env), ...options.mail }) : null;
    if (!mailer) logger.info('e-mail notifications are off (no SMTP_URL or SMTP_HOST): e-mails wait in the outbox until SMTP is configured');
    const sweeping = options.sweepUploads === false ? async () => undefined : sweepRegularly(store, clock, draftDays, logger);
    // Every worker of `serve --workers` prunes too: a delete of rows already gone changes nothing.
    stopPruning = pruneReadsRegularly(store, clock, daysFromEnv(env, 'AUDIT_RETENTION_DAYS') ?? DEFAULT_AUDIT_RETENTION_DAYS, logger);
    const stopBackground = async () => {
      stopFollowing();
      stopWatching();
      stopPruning();
      await mailer?.stop();
      await sweeping();
    };

    // Live updates hear changes from the start, so a stream that reconnects here can resume.
    const live = app.locals.live as LiveHub;
    await live.ready();
    const server = createServer(app);
    const drain = trackRequests(server);
    await listen(server, options.port ?? 3000, options.host ?? '127.0.0.1');
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`;
    listeningUrl = url;
    logger.info(`reglament listening on ${url} (regions: ${regions.map((r) => r.id).join(', ')})`);

    let closing: Promise<void> | undefined;
    mailer?.start();
    const close = () => {
      void live.close();
      // From now on /readyz answers 503, so a load balancer stops sending requests while these drain.
      readiness.shuttingDown = true;
      return (closing ??= shutdown(server, drain, stopBackground, store, logger, options.shutdownGraceMs ?? 10_000));
    };
    return { server, url, regions, engine, store, users, passwords, readiness, logger, mailer, close };
  } catch (e) {
    stopFollowing();
    stopWatching();
    stopPruning();
    await store.close();
    throw e;
  }
}

/**
 * What must happen once before several server processes start on one data folder and one database
 * (`serve --workers`): the config is checked (ConfigInvalidError), the store's migrations run, and the
 * users file and token secret are created if missing, so that the workers only read them. Returns a
 * function that stops the hourly sweep of old uploads and drafts this process takes over from the
 * workers (and closes the store it sweeps with).
 */
export async function prepareOnce(options: StartOptions & { readonly logger: Logger }): Promise<() => Promise<void>> {
  const env = options.env ?? process.env;
  const { logger } = options;
  const dataDir = path.resolve(options.dataDir ?? 'data');
  const dirs = options.regionsDirs && options.regionsDirs.length > 0 ? [...options.regionsDirs] : await defaultRegionDirs();
  const loaded = await loadRegions(dirs);
  if (!loaded.ok) throw new ConfigInvalidError(loaded.errors);
  const store = createStore({ dataDir, memory: options.memory, ...storeSettingsFromEnv(env) });
  await store.init();
  const askedDevUsers = options.devUsers ?? env.REGLAMENT_DEV_USERS === '1';
  await openUsers(dataDir, loaded.regions, logger, { devUsers: askedDevUsers === true ? {} : askedDevUsers, production: env.NODE_ENV === 'production', memory: options.memory });
  await loadSecret(dataDir, env, { memory: options.memory });
  const stopSweeping = sweepRegularly(store, options.clock ?? { now: () => new Date() }, draftRetentionDays(env), logger);
  return async () => {
    await stopSweeping();
    await store.close();
  };
}

/**
 * Drops reads older than the retention period from the read audit, at start and every day after. The
 * engine's clock decides what "older" means, as it decides every other date.
 */
function pruneReadsRegularly(store: Store, clock: Clock, days: number, logger: Logger): () => void {
  const prune = () =>
    store.pruneReads(new Date(clock.now().getTime() - days * 86_400_000).toISOString()).then(
      (removed) => removed > 0 && logger.info(`read audit: removed ${removed} read(s) older than ${days} days`),
      (e: unknown) => logger.error({ err: e }, 'pruning the read audit failed'),
    );
  void prune();
  const timer = setInterval(() => void prune(), 86_400_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** renderer/dist of this repository, if `npm run build` has made it. */
function builtRenderer(): string | undefined {
  const dir = path.resolve(import.meta.dirname, '../renderer/dist');
  return existsSync(path.join(dir, 'index.html')) ? dir : undefined;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Follows the requests in flight so shutdown can end each connection as soon as its response is
 * done, instead of leaving keep-alive sockets open until their idle timeout.
 */
function trackRequests(server: Server): () => void {
  const active = new Set<ServerResponse>();
  let stopping = false;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.setHeader('Connection', 'close');
    active.add(res);
    res.on('close', () => {
      active.delete(res);
      if (stopping) server.closeIdleConnections();
    });
  });
  return () => {
    stopping = true;
    for (const res of active) if (!res.headersSent) res.setHeader('Connection', 'close');
  };
}

async function shutdown(server: Server, drain: () => void, stopBackground: () => Promise<void>, store: Store, logger: Logger, graceMs: number): Promise<void> {
  logger.info('reglament shutting down: finishing requests in flight');
  drain();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // close() stops accepting and waits for open requests; idle keep-alive sockets would hold it
  // forever, so drop those now and cut everything still open after the grace period.
  server.closeIdleConnections();
  const timer = setTimeout(() => {
    logger.warn(`requests still open after ${graceMs} ms: closing their connections`);
    server.closeAllConnections();
  }, graceMs);
  timer.unref();
  await closed;
  clearTimeout(timer);
  await stopBackground();
  await store.close();
  logger.info('reglament stopped');
  logger.flush();
}

/** A whole number of days from the environment; undefined when unset. */
function daysFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new RangeError(`${name} must be a whole number of days from 1, got "${value}"`);
  return Number(value);
}

/** A whole number of hours from the environment, in ms; undefined when unset. */
function hoursFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new RangeError(`${name} must be a whole number of hours from 1, got "${value}"`);
  return Number(value) * 3_600_000;
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
