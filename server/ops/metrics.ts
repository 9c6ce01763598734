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
 */
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
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
        async collect() {
          for (const r of regions) this.set({ region: r.id }, await count(r.id));
        },
      });
      new Gauge({
        name: 'reglament_overdue_steps',
        help: 'Applications whose current step is overdue today in the region, by region',
        labelNames: ['region'],
        registers,
        async collect() {
          for (const r of regions) this.set({ region: r.id }, await count(r.id, localDate(clock.now(), r.region.timezone)));
        },
      });
    }
    this.#process = options.processMetrics ? processRegistry() : null;
  }

  readonly #process: Registry | null;

  /** The Prometheus text of every metric. */
  async text(): Promise<string> {
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
