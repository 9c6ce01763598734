/**
 * Builds the express app over an engine: every route of the route table under /api, with request
 * logs, security headers, authentication and a final JSON error handler. Knows no region: it serves
 * whatever the engine was loaded with.
 */
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Clock, EngineApi, Store } from '../engine/api.ts';
import { PasswordPool } from './auth/passwordPool.ts';
import { SessionRevocations } from './auth/sessionRevocations.ts';
import { DEFAULT_LOGIN_LIMIT, TokenBucketLimiter, type BucketOptions } from './auth/rateLimit.ts';
import { TokenService } from './auth/tokens.ts';
import type { UserDirectory } from './auth/users.ts';
import type { AppDeps } from './context.ts';
import { apiNotFound, errorHandler } from './http/errorHandler.ts';
import { DEFAULT_IDEMPOTENCY_TTL_MS } from './http/idempotency.ts';
import { requestLog } from './log/requestLog.ts';
import { mountOps, type Readiness } from './ops/health.ts';
import { Metrics } from './ops/metrics.ts';
import { routeHandlers } from './http/routeHandlers.ts';
import { serveRenderer } from './http/renderer.ts';
import { apiSecurity } from './http/security.ts';
import { LiveHub } from './live/LiveHub.ts';
import { API_PREFIX, routeTable } from './routes/index.ts';
import type { RouteDef } from './routes/types.ts';
import { DEFAULT_DRAFT_RETENTION_DAYS } from './uploads/retention.ts';
import type { VirusScanner } from './uploads/virusScan.ts';

export interface AppOptions {
  readonly engine: EngineApi;
  readonly users: UserDirectory;
  readonly logger: Logger;
  /** Key that signs session tokens (at least 32 bytes; see auth/secret.ts). */
  readonly tokenSecret: Uint8Array;
  /** Defaults to the system clock; pass the engine's clock so "today" agrees with it. */
  readonly clock?: Clock;
  /** Failed-login bucket per client address. */
  readonly loginLimit?: BucketOptions;
  /** Sessions ended by logout (start.ts: kept in the store); default: remembered by this app only. */
  readonly sessions?: SessionRevocations;
  /** Where login passwords are checked, a bounded number at a time; default: a PasswordPool with its defaults. */
  readonly passwords?: PasswordPool;
  /** express "trust proxy" setting, so req.ip is the client behind a reverse proxy. */
  readonly trustProxy?: boolean | number | string;
  /** Defaults to the full route table. */
  readonly routes?: readonly RouteDef[];
  /** The built web UI (renderer/dist) to serve outside /api; omitted: the server is API only. */
  readonly rendererDir?: string;
  /** Days a draft is kept after its last change (start.ts: DRAFT_RETENTION_DAYS); default 30. */
  readonly draftRetentionDays?: number;
  /** Scans uploads as they arrive (start.ts: from CLAMD_ADDRESS); omitted: no scan. */
  readonly scanner?: VirusScanner | null;
  /** Prometheus metrics (server/ops/metrics.ts); default: request, filing and step metrics of this app. */
  readonly metrics?: Metrics;
  /** The store /readyz probes; without it, readiness checks the regions and shutdown only. */
  readonly store?: Pick<Store, 'getApplication' | 'health'>;
  /** Set by a graceful stop, so /readyz turns 503 while requests drain. */
  readonly readiness?: Readiness;
  /** When set, GET /metrics needs `Authorization: Bearer <it>` (METRICS_TOKEN). */
  readonly metricsToken?: string;
  /** Without metricsToken, refuse GET /metrics (403) instead of serving it to anyone: start.ts sets it under NODE_ENV=production. */
  readonly metricsClosed?: boolean;
  /** How long an Idempotency-Key is kept; default 24 hours. */
  readonly idempotencyTtlMs?: number;
}

export function createApp(options: AppOptions): Express {
  const clock = options.clock ?? { now: () => new Date() };
  const routes = options.routes ?? routeTable;
  const deps: AppDeps = {
    engine: options.engine,
    users: options.users,
    tokens: new TokenService(options.tokenSecret, () => clock.now()),
    sessions: options.sessions ?? new SessionRevocations(null, () => clock.now()),
    loginLimiter: new TokenBucketLimiter(options.loginLimit ?? DEFAULT_LOGIN_LIMIT),
    passwords: options.passwords ?? new PasswordPool(),
    clock,
    logger: options.logger,
    routes,
    formCache: new Map(),
    scanner: options.scanner ?? null,
    draftRetentionDays: options.draftRetentionDays ?? DEFAULT_DRAFT_RETENTION_DAYS,
    live: new LiveHub(options.engine),
    idempotencyTtlMs: options.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS,
    metrics: options.metrics ?? new Metrics(),
  };

  const app = express();
  app.disable('x-powered-by');
  // ETags are set deliberately (compiled forms); express's automatic weak ETags would hash every body.
  app.set('etag', false);
  // Flat query strings only: ?a[b]=1 stays a plain key instead of becoming a nested object.
  app.set('query parser', 'simple');
  app.set('trust proxy', options.trustProxy ?? false);

  app.use(requestLog(options.logger, app));
  app.use(deps.metrics.middleware());
  mountOps(app, { engine: options.engine, store: options.store, readiness: options.readiness ?? { shuttingDown: false }, metrics: deps.metrics, metricsToken: options.metricsToken, metricsClosed: options.metricsClosed, logger: options.logger });
  app.use(API_PREFIX, apiSecurity());
  for (const route of routes) app[route.method](API_PREFIX + route.path, ...routeHandlers(deps, route));
  app.use(API_PREFIX, apiNotFound);
  if (options.rendererDir) app.use(serveRenderer(options.rendererDir));
  app.use(apiSecurity(), apiNotFound);
  app.use(errorHandler);
  // A session ended (logout, here or in another process) or users changed (new password, revocation,
  // roles): open live streams are asked again whether they may go on.
  deps.live.endWhenChanged((listener) => deps.sessions.onChange(listener), (listener) => deps.users.onChange(listener));
  // start.ts ends the live streams at shutdown, or they would hold the server open.
  app.locals.live = deps.live;
  return app;
}
