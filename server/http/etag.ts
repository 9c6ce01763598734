/**
 * Strong ETags for JSON that only changes when the config does (compiled forms): the body is
 * serialised and hashed once, and a matching If-None-Match gets 304 without a body.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

export interface CachedJson {
  readonly body: string;
  readonly etag: string;
}

export function cachedJson(value: unknown): CachedJson {
  const body = JSON.stringify(value);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
}

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function sendCachedJson(req: Request, res: Response, entry: CachedJson, cacheControl: string): void {
  res.setHeader('ETag', entry.etag);
  res.setHeader('Cache-Control', cacheControl);
  if (matches(req.headers['if-none-match'], entry.etag)) {
    res.status(304).end();
    return;
  }
  res.type('application/json; charset=utf-8').send(entry.body);
}
