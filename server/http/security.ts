/**
 * Security headers. The API answers JSON only, so its policy forbids everything a browser could load
 * from a response; rendered documents (HTML from region templates) may use inline styles and data:
 * images but never scripts, and are sandboxed in case a template lets markup through.
 */
import helmet from 'helmet';
import type { Request, RequestHandler, Response } from 'express';

/** helmet's settings for every API answer. */
export const API_HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
} as const satisfies Parameters<typeof helmet>[0];

export function apiSecurity(): RequestHandler {
  return fixedHeaders(helmet(API_HELMET_OPTIONS));
}

/**
 * The headers a middleware sets, worked out once and then copied onto every response. helmet decides
 * the headers (and stays the place to change them), but with a policy that depends on nothing in the
 * request it would rebuild the same values on every request; the API's hot paths need not pay for that.
 * Refuses a middleware that does anything but set and remove headers and call next().
 */
export function fixedHeaders(middleware: RequestHandler): RequestHandler {
  const set: [string, string | readonly string[]][] = [];
  const removed: string[] = [];
  let passed = false;
  const probe = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.push([name, typeof value === 'number' ? String(value) : value]);
      return probe;
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  void middleware({ method: 'GET', url: '/', headers: {} } as Request, probe as unknown as Response, (error?: unknown) => {
    if (error) throw error;
    passed = true;
  });
  if (!passed) throw new Error('fixedHeaders: the middleware did not pass the probe request on synchronously');
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}

export const DOCUMENT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  'sandbox',
].join('; ');

/** Sends rendered HTML under the document policy (no scripts). */
export function sendDocument(res: Response, html: string): void {
  res.setHeader('Content-Security-Policy', DOCUMENT_CSP);
  res.setHeader('Cache-Control', 'private, no-store');
  res.type('text/html; charset=utf-8').send(html);
}
