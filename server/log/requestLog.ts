/**
 * Structured request logs with a request id: the client's x-request-id when it looks like an id, else a
 * fresh UUID; echoed back in the x-request-id response header and in error bodies. One pino line per
 * request when its response ends: method, path, client address, status and time taken; never headers
 * (Authorization), bodies (passwords, form data) or query values (a registry search by ИНН): a query
 * string is logged by its parameter names alone. An unexpected error (res.err, set by errorHandler) is
 * logged with the line, at level error. Probes and scrapes (/healthz, /readyz, /metrics) are not logged.
 *
 * This is what pino-http did here, without its per-request cost: pino-http builds a child logger per
 * request (serialising the request for its bindings) and three listeners, which on the submit path cost
 * more than the log line itself. Here a request gets one listener, and `req.log` (a child logger bound
 * to the request id, for handlers that log something of their own) is made only when a handler asks.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, RequestHandler } from 'express';
import type { Logger } from 'pino';

declare module 'http' {
  interface IncomingMessage {
    /** The request id (x-request-id), set by requestLog. */
    id?: string;
    /** A logger whose lines carry this request's id (made on first use). */
    readonly log: Logger;
  }
  interface ServerResponse {
    /** An unexpected error the response answers: logged with the request's line. */
    err?: Error;
  }
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Asked every few seconds by orchestrators and scrapers: their lines would drown the requests that matter. */
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);
const CHILD = Symbol('request logger');

type LoggedRequest = IncomingMessage & { [CHILD]?: Logger; originalUrl?: string };

/**
 * The middleware; `app` is the express app it is installed in, whose request prototype gets the lazy
 * `req.log` (once per app, not once per request).
 */
export function requestLog(logger: Logger, app: Express): RequestHandler {
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: LoggedRequest): Logger {
      return (this[CHILD] ??= logger.child({ req: { id: this.id } }));
    },
  });
  return (req, res, next) => {
    const r = req as LoggedRequest;
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
    r.id = id;
    res.setHeader('x-request-id', id);
    if (QUIET.has(req.path)) return next();
    const started = performance.now();
    res.once('close', () => logLine(logger, r, res, performance.now() - started));
    next();
  };
}

function logLine(logger: Logger, req: LoggedRequest, res: ServerResponse, ms: number): void {
  const line = {
    req: { id: req.id, method: req.method, url: withoutQueryValues(req.originalUrl ?? req.url ?? ''), remoteAddress: req.socket?.remoteAddress },
    res: { statusCode: res.statusCode },
    responseTime: Math.round(ms),
  };
  if (res.err) logger.error({ ...line, err: res.err }, 'request errored');
  else if (!res.writableFinished) logger.info(line, 'request aborted');
  else if (res.statusCode >= 500) logger.error(line, 'request errored');
  else logger.info(line, 'request completed');
}

/** "/a?inn=7707083893&limit=5" -> "/a?inn=…&limit=…": which parameters, never their values. */
export function withoutQueryValues(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url.slice(at + 1).split('&').filter(Boolean).map((pair) => `${pair.split('=')[0].slice(0, 64)}=…`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}
