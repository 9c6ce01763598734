/**
 * Strong ETags for JSON that only changes when the config does (compiled forms). The body is
 * serialised, hashed and gzipped once; each request then sends ready bytes, or 304 when the client's
 * If-None-Match matches. The gzip copy is another representation, so it has its own ETag.
 */
import { createHash } from 'node:crypto';
import { constants, gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

export interface CachedJson {
  readonly body: Buffer;
  readonly etag: string;
  readonly gzip: Buffer;
  readonly gzipEtag: string;
}

export function cachedJson(value: unknown): CachedJson {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const hash = createHash('sha256').update(body).digest('base64url');
  return { body, etag: `"${hash}"`, gzip: gzipSync(body, { level: constants.Z_BEST_COMPRESSION }), gzipEtag: `"${hash}-gz"` };
}

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored. */
function matches(header: string | undefined, etags: readonly string[]): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => etags.includes(tag.trim().replace(/^W\//, '')));
}

export function sendCachedJson(req: Request, res: Response, entry: CachedJson, cacheControl: string): void {
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('ETag', gzip ? entry.gzipEtag : entry.etag);
  res.setHeader('Cache-Control', cacheControl);
  // Either representation the client holds is still current.
  if (matches(req.headers['if-none-match'], [entry.etag, entry.gzipEtag])) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.end(gzip ? entry.gzip : entry.body);
}
