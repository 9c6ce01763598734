/**
 * What an orchestrator or load balancer asks (outside /api, no token):
 *  - GET /healthz: the process answers (200), whatever else is wrong; restart it when this fails;
 *  - GET /readyz: it can serve: regions loaded, the store answers within 2 seconds and still takes
 *    writes (the embedded store stops taking them after a write it could not make durable, until a
 *    restart), not shutting down (200), else 503 with what failed; send it traffic only while this is 200.
 *  - GET /metrics: Prometheus metrics; with METRICS_TOKEN set, only with `Authorization: Bearer <it>`;
 *    refused (403) without one when `metricsClosed` (NODE_ENV=production): the series name regions,
 *    services and routes, and tell how busy each is, which is nobody's business outside operations.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Express, Request } from 'express';
import type { Logger } from 'pino';
import type { EngineApi, Store } from '../../engine/api.ts';
import type { Metrics } from './metrics.ts';

/** Shared with start.ts, which sets `shuttingDown` when a graceful stop begins. */
export interface Readiness {
  shuttingDown: boolean;
}

export interface OpsOptions {
  readonly engine: EngineApi;
  /** The store to probe; without one only the regions and shutdown are checked. */
  readonly store?: Pick<Store, 'getApplication' | 'health'>;
  readonly readiness: Readiness;
  readonly metrics: Metrics;
  readonly metricsToken?: string;
  /** Without metricsToken, refuse /metrics instead of serving it to anyone (production). */
  readonly metricsClosed?: boolean;
  /** Where a failed store probe is told in full (the answer says only that it failed). */
  readonly logger: Logger;
}

const STORE_TIMEOUT_MS = 2_000;

export function mountOps(app: Express, options: OpsOptions): void {
  app.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });

  let toldUnwritable = false;
  app.get('/readyz', async (_req, res) => {
    const regions = options.engine.regions().length;
    const health = options.store?.health() ?? { writable: true };
    // A store that takes no writes is not ready, however fast it still answers reads.
    const store = health.writable ? await probe(options.store, options.logger) : 'not writable';
    if (!health.writable && !toldUnwritable) {
      // Once: a probe every few seconds would repeat it; the cause (paths, errno) goes to the log only.
      toldUnwritable = true;
      options.logger.error({ err: health.cause }, `readiness: ${health.reason}`);
    }
    const ready = regions > 0 && store === 'ok' && !options.readiness.shuttingDown;
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', regions, store, ...(health.writable ? {} : { reason: health.reason }), shuttingDown: options.readiness.shuttingDown });
  });

  app.get('/metrics', async (req, res) => {
    if (options.metricsToken === undefined && options.metricsClosed) {
      res.setHeader('Cache-Control', 'no-store');
      res.status(403).json({ error: 'Метрики закрыты: сервер запущен с NODE_ENV=production без METRICS_TOKEN; задайте METRICS_TOKEN и передавайте его как Authorization: Bearer <токен>' });
      return;
    }
    if (options.metricsToken !== undefined && !bearerIs(req, options.metricsToken)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="reglament-metrics"');
      res.status(401).json({ error: 'Метрики доступны только с токеном METRICS_TOKEN' });
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type(options.metrics.contentType).send(await options.metrics.text());
  });
}

/**
 * 'ok', 'timeout' or 'error': a lookup of an id that does not exist, which every store answers cheaply.
 * The error itself goes to the log only (it may name hosts or database users).
 */
async function probe(store: Pick<Store, 'getApplication' | 'health'> | undefined, logger: Logger): Promise<string> {
  if (!store) return 'ok';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), STORE_TIMEOUT_MS)));
  const answer = store.getApplication('readiness-probe').then(
    () => 'ok',
    (e: unknown) => {
      logger.error({ err: e }, 'readiness: the store did not answer');
      return 'error';
    },
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function bearerIs(req: Request, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
