/**
 * The last middleware: turns every error into a JSON answer with a status the client can act on.
 * Engine errors map one class to one status; body-parser errors keep their 4xx; anything else is a
 * bug, logged in full and answered with a bare 500 and the request id (never a stack trace).
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ForbiddenError, NotFoundError, TransitionError, ValidationError, VersionConflictError } from '../../engine/errors.ts';
import { HttpError } from './HttpError.ts';

interface ErrorBody {
  error: string;
  errors?: unknown;
  currentVersion?: number;
  requestId: string;
}

/** body-parser / raw-body error types and what to tell the client. */
const BODY_ERRORS: Record<string, { status: number; message: (e: Error) => string }> = {
  'entity.parse.failed': { status: 400, message: (e) => `Тело запроса не является корректным JSON-объектом: ${e.message}` },
  'entity.too.large': { status: 413, message: () => 'Тело запроса слишком большое (не более 1 МБ)' },
  'encoding.unsupported': { status: 415, message: () => 'Неподдерживаемое сжатие тела запроса' },
  'charset.unsupported': { status: 415, message: () => 'Неподдерживаемая кодировка: тело запроса должно быть в UTF-8' },
  'request.aborted': { status: 400, message: () => 'Запрос прерван клиентом' },
  'request.size.invalid': { status: 400, message: () => 'Длина тела не совпадает с Content-Length' },
};

function classify(err: unknown): { status: number; body: Omit<ErrorBody, 'requestId'>; headers?: Readonly<Record<string, string>> } | null {
  if (err instanceof HttpError) {
    return { status: err.status, body: { ...err.extra.body, error: err.message, ...(err.extra.errors ? { errors: err.extra.errors } : {}) }, headers: err.extra.headers };
  }
  if (err instanceof ValidationError) return { status: 422, body: { error: err.message, errors: err.errors } };
  if (err instanceof VersionConflictError) return { status: 409, body: { error: err.message, currentVersion: err.actual } };
  if (err instanceof TransitionError) return { status: 409, body: { error: err.message } };
  if (err instanceof NotFoundError) return { status: 404, body: { error: err.message } };
  if (err instanceof ForbiddenError) return { status: 403, body: { error: err.message } };
  const type = (err as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && BODY_ERRORS[type]) {
    const spec = BODY_ERRORS[type];
    return { status: spec.status, body: { error: spec.message(err as Error) } };
  }
  // Other 4xx errors from express's own parts (e.g. a missing static file): keep the status, not the text.
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: status === 404 ? 'Не найдено' : 'Некорректный запрос' } };
  }
  return null;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const requestId = String(req.id ?? '');
  const known = classify(err);
  if (known) {
    // A service the server depends on failed (e.g. the virus scanner): the client gets the message, the log the reason.
    if (known.status >= 500 && err instanceof Error && err.cause !== undefined) req.log?.warn({ err: err.cause }, err.message);
    for (const [name, value] of Object.entries(known.headers ?? {})) res.setHeader(name, value);
    res.status(known.status).json({ ...known.body, requestId } satisfies ErrorBody);
    return;
  }
  // requestLog logs the response with this error attached (res.err), stack included, server side only.
  res.err = err instanceof Error ? err : new Error(String(err));
  req.log?.error({ err }, 'unhandled error');
  res.status(500).json({ error: 'Внутренняя ошибка', requestId } satisfies ErrorBody);
};

/** Any path no route matched. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, `Нет такого адреса: ${req.method} ${req.originalUrl.split('?')[0]}`));
};
