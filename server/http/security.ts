/**
 * Security headers. The API answers JSON only, so its policy forbids everything a browser could load
 * from a response; rendered documents (HTML from region templates) may use inline styles and data:
 * images but never scripts, and are sandboxed in case a template lets markup through.
 */
import helmet from 'helmet';
import type { RequestHandler, Response } from 'express';

export function apiSecurity(): RequestHandler {
  return helmet({
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
  });
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
