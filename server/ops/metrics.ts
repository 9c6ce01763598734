/**
 * Prometheus metrics (prom-client), served at GET /metrics:
 *  - reglament_http_request_duration_seconds{method,route,status}: every request, by the route's
 *    template (`/api/applications/:id`, never the URL itself: ids would make a series each);
 *  - reglament_filings_total{region,service} and reglament_transitions_total{region,service,event}:
 *    applications filed and steps taken (a replayed Idempotency-Key counts once);
 *  - reglament_open_steps{region} and reglament_overdue_steps{region}: applications in progress and
 *    those whose current step is overdue today (region time), counted from the store at each scrape;
 *  - with `processMetrics`, prom-client's default process metrics (CPU, memory, event-loop lag, ...).
 * Per request the cost is one histogram observation and, on a filing or step, one counter increment.
 *
 * Under `serve --workers N` each worker counts its own requests; a scrape that reaches any worker gets
 * the sum over all of them (prom-client's AggregatorRegistry, gathered by the primary over IPC), and
 * the step gauges, which every worker counts from the same database, once.
 */
import type { RequestHandler } from 'express';
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Clock, RegionConfig, Store } from '../../engine/api.ts';
import { localDate } from '../../engine/calendar/localDate.ts';

export interface MetricsOptions {
  /** The regions whose open and overdue steps are counted at each scrape. */
  readonly regions?: readonly RegionConfig[];
  /** Where they are counted; without it the two gauges are not reported. */
  readonly store?: Pick<Store, 'listApplications'>;
  readonly clock?: Clock;
  /** Also report the process's CPU, memory, event loop and GC (one collector per process: the server's). */
  readonly processMetrics?: boolean;
}

/** The process's own metrics, collected once per process however many apps it runs. */
let shared: Registry | undefined;
function processRegistry(): Registry {
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared, prefix: 'reglament_' });
  }
  return shared;
}

export class Metrics {
  readonly registry = new Registry();
  readonly #requests: Histogram<'method' | 'route' | 'status'>;
  readonly #filings: Counter<'region' | 'service'>;
  readonly #transitions: Counter<'region' | 'service' | 'event'>;

  constructor(options: MetricsOptions = {}) {
    const registers = [this.registry];
    this.#requests = new Histogram({
      name: 'reglament_http_request_duration_seconds',
      help: 'HTTP requests by route template and status, with their duration in seconds',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.#filings = new Counter({ name: 'reglament_filings_total', help: 'Applications filed, by region and service', labelNames: ['region', 'service'], registers });
    this.#transitions = new Counter({ name: 'reglament_transitions_total', help: 'Procedure steps taken (events), by region, service and event', labelNames: ['region', 'service', 'event'], registers });
    const { store, regions = [], clock = { now: () => new Date() } } = options;
    if (store) {
      const count = (region: string, overdueOn?: string) => store.listApplications({ region, final: false, ...(overdueOn ? { overdueOn } : {}), limit: 0, offset: 0 }).then((page) => page.total);
      new Gauge({
        name: 'reglament_open_steps',
        help: 'Applications in progress (their current step open), by region',
        labelNames: ['region'],
        registers,
        aggregator: 'max',
        async collect() {
          for (const r of regions) this.set({ region: r.id }, await count(r.id));
        },
      });
      new Gauge({
        name: 'reglament_overdue_steps',
        help: 'Applications whose current step is overdue today in the region, by region',
        labelNames: ['region'],
        registers,
        aggregator: 'max',
        async collect() {
          for (const r of regions) this.set({ region: r.id }, await count(r.id, localDate(clock.now(), r.region.timezone)));
        },
      });
    }
    this.#process = options.processMetrics ? processRegistry() : null;
    if (cluster.isWorker) {
      // What this worker answers when the primary gathers every worker's metrics.
      AggregatorRegistry.setRegistries(this.#process ? [this.registry, this.#process] : [this.registry]);
      new AggregatorRegistry();
    }
  }

  readonly #process: Registry | null;

  /** The Prometheus text of every metric (of every worker, in a cluster). */
  async text(): Promise<string> {
    if (cluster.isWorker && process.send) return askPrimary();
    return (this.#process ? Registry.merge([this.registry, this.#process]) : this.registry).metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Times every request; the route is labelled once routing is done (unmatched paths share one label). */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const end = this.#requests.startTimer();
      res.once('finish', () => {
        const route = req.route?.path;
        end({ method: req.method, route: typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched', status: String(res.statusCode) });
      });
      next();
    };
  }

  filed(region: string, service: string): void {
    this.#filings.inc({ region, service });
  }

  stepped(region: string, service: string, event: string): void {
    this.#transitions.inc({ region, service, event });
  }
}

const ASK = 'reglament:metrics';
const ANSWER = 'reglament:metrics-answer';

/** A worker's scrape: the primary gathers and sums every worker's metrics (serveClusterMetrics). */
function askPrimary(): Promise<string> {
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('the primary process did not send the metrics within 10 s')), 10_000);
    const onMessage = (message: { type?: string; id?: string; text?: string; error?: string }) => {
      if (message?.type === ANSWER && message.id === id) finish(message.error ? new Error(message.error) : null, message.text);
    };
    const finish = (error: Error | null, text = '') => {
      clearTimeout(timer);
      process.off('message', onMessage);
      if (error) reject(error);
      else resolve(text);
    };
    process.on('message', onMessage);
    process.send!({ type: ASK, id });
  });
}

/** In the primary of `serve --workers`: answers each worker's request for the metrics of all workers. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: string }) => {
    if (message?.type !== ASK) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id: message.id, text }),
      (error: unknown) => worker.send({ type: ANSWER, id: message.id, error: (error as Error).message }),
    );
  });
}
