/**
 * Structured request logs with a request id: the client's x-request-id when it looks like an id, else a
 * fresh UUID; echoed back in the x-request-id response header and in error bodies. One pino line per
 * request when its response ends: method, url, client address, status and time taken; never headers
 * (Authorization) or bodies (passwords). An unexpected error (res.err, set by errorHandler) is logged
 * with the line, at level error.
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
    const started = performance.now();
    res.once('close', () => logLine(logger, r, res, performance.now() - started));
    next();
  };
}

function logLine(logger: Logger, req: LoggedRequest, res: ServerResponse, ms: number): void {
  const line = {
    req: { id: req.id, method: req.method, url: req.originalUrl ?? req.url, remoteAddress: req.socket?.remoteAddress },
    res: { statusCode: res.statusCode },
    responseTime: Math.round(ms),
  };
  if (res.err) logger.error({ ...line, err: res.err }, 'request errored');
  else if (!res.writableFinished) logger.info(line, 'request aborted');
  else if (res.statusCode >= 500) logger.error(line, 'request errored');
  else logger.info(line, 'request completed');
}
