/**
 * Body parsing for routes that take JSON: anything else is refused with 415 before it is read,
 * bodies above 1 MB with 413, and text that is not a JSON object or array with 400 (errorHandler).
 */
import express, { type RequestHandler } from 'express';
import { HttpError } from './HttpError.ts';

export const BODY_LIMIT = '1mb';

export function jsonBody(): RequestHandler {
  const parse = express.json({ limit: BODY_LIMIT, strict: true });
  return (req, res, next) => {
    // req.is() is null when there is no body at all (the schema check then reports it) and false
    // when there is one of another type.
    if (req.is('application/json') === false) {
      next(new HttpError(415, `Ожидается тело в формате JSON (Content-Type: application/json), получено: ${req.headers['content-type'] ?? 'без типа'}`));
      return;
    }
    parse(req, res, next);
  };
}
