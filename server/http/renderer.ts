/**
 * Serves the built web UI (renderer/dist): hashed assets with a long cache, and index.html for every
 * other GET outside /api so the UI's own routes work on reload. Its policy allows scripts and styles
 * from this origin only; 'unsafe-eval' is needed because the form validator (ajv, via rjsf) compiles
 * schemas to functions in the browser; inline styles are used by the diagram library.
 */
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import helmet from 'helmet';

export function appSecurity(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

export function serveRenderer(dir: string): Router {
  const router = Router();
  router.use(appSecurity());
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      index: false,
      fallthrough: false,
      // File names carry a content hash: they never change.
      immutable: true,
      maxAge: '365d',
    }),
  );
  router.get('/*splat', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'));
  });
  router.get('/', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'));
  });
  return router;
}
