/**
 * Structured request logs (pino-http) with a request id: the client's x-request-id when it looks like
 * an id, else a fresh UUID; echoed back in the x-request-id response header and in error bodies.
 * Only method, path and status are logged: never headers (Authorization), bodies (passwords, form
 * data) or query values (a registry search by ИНН): a query string is logged by its names alone.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    // Probes and scrapes come every few seconds: their lines would drown the requests that matter.
    autoLogging: { ignore: (req) => QUIET.has((req.url ?? '').split('?')[0]) },
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    customLogLevel(_req, res, err) {
      return err || res.statusCode >= 500 ? 'error' : 'info';
    },
    // Our own small serializers on the raw objects, instead of the standard ones wrapped by ours:
    // cheaper per request, and headers never reach the log.
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id: unknown; originalUrl?: string }) => ({ id: req.id, method: req.method, url: withoutQueryValues(req.originalUrl ?? req.url ?? ''), remoteAddress: req.socket?.remoteAddress }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
  }) as unknown as RequestHandler;
}

/** "/a?inn=7707083893&limit=5" -> "/a?inn=…&limit=…": which parameters, never their values. */
export function withoutQueryValues(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url.slice(at + 1).split('&').filter(Boolean).map((pair) => `${pair.split('=')[0].slice(0, 64)}=…`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}
