/**
 * Body parsing for routes that take JSON: anything else is refused with 415 before it is read,
 * bodies above 1 MB with 413, bytes that are not UTF-8 and text that is not a JSON object or array with 400 (errorHandler).
 */
import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { HttpError } from './HttpError.ts';

export const BODY_LIMIT = '1mb';

export function jsonBody(): RequestHandler {
  const parse = express.json({
    limit: BODY_LIMIT,
    strict: true,
    // Invalid UTF-8 would otherwise be decoded to U+FFFD and stored as if the sender had typed it.
    verify: (_req, _res, buf) => {
      if (!isUtf8(buf)) throw new HttpError(400, 'Тело запроса не является текстом в кодировке UTF-8');
    },
  });
  return (req, res, next) => {
    // No body at all (or an empty one) is left to the schema check, which says a body is needed;
    // req.is() is false only when there is a body of another type.
    const empty = req.headers['content-length'] === '0' && req.headers['transfer-encoding'] === undefined;
    if (!empty && req.is('application/json') === false) {
      next(new HttpError(415, `Ожидается тело в формате JSON (Content-Type: application/json), получено: ${req.headers['content-type'] ?? 'без типа'}`));
      return;
    }
    parse(req, res, next);
  };
}
