/**
 * Sessions: sign in with a login and password for a short-lived token, exchange it for a fresh one
 * while the session lasts, end the session; and who the token belongs to. See auth/tokens.ts.
 */
import type { Response } from 'express';
import { decoyHash } from '../auth/password.ts';
import type { IssuedToken } from '../auth/tokens.ts';
import { publicUser, tokenVersionOf, type User } from '../auth/users.ts';
import { HttpError } from '../http/HttpError.ts';
import { errors, ref } from '../openapi/schemas.ts';
import { defineRoutes } from './types.ts';

const SESSION_TOKEN = {
  type: 'object',
  required: ['token', 'expiresAt', 'expiresIn', 'sessionEndsAt', 'user'],
  properties: {
    token: { type: 'string', description: 'Send as Authorization: Bearer <token>' },
    expiresAt: { type: 'string', format: 'date-time', description: 'When this token expires (15 minutes, or the end of the session if sooner)' },
    expiresIn: { type: 'integer', description: 'Seconds until it expires' },
    sessionEndsAt: { type: 'string', format: 'date-time', description: 'When the session ends (8 hours after sign-in): no token of it is valid after' },
    user: ref('User'),
  },
};

function sendToken(res: Response, issued: IssuedToken, user: User): void {
  res.setHeader('Cache-Control', 'no-store');
  res.json({ ...issued, user: publicUser(user) });
}

export const authRoutes = defineRoutes([
  {
    method: 'post',
    path: '/auth/login',
    operationId: 'login',
    summary: 'Sign in: starts a session of at most 8 hours and returns its first bearer token, valid for 15 minutes',
    tag: 'auth',
    access: 'public',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['login', 'password'],
      properties: { login: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 1000 } },
    },
    responses: {
      200: { description: 'Signed in', schema: SESSION_TOKEN },
      ...errors(400, 401, 413, 415, 429, 503),
    },
    async handle({ deps, req, res, body }) {
      const { login, password } = body as { login: string; password: string };
      const ip = req.ip ?? 'unknown';
      // The attempt is counted before any hashing, in the same synchronous step as the check: parallel
      // attempts cannot all pass the check while the first ones are still hashing.
      const wait = deps.loginLimiter.tryTake(ip);
      if (wait > 0) {
        throw new HttpError(429, `Слишком много неудачных попыток входа; повторите через ${wait} с`, { headers: { 'Retry-After': String(wait) } });
      }
      const user = deps.users.find(login);
      // An unknown login still costs one scrypt run, so response time does not reveal which logins exist.
      const checked = await deps.passwords.verify(password, user?.passwordHash ?? (await decoyHash()));
      if (checked === 'busy') {
        deps.loginLimiter.refund(ip); // not checked: it does not count as a failure
        throw new HttpError(503, 'Сервер занят проверкой других входов; повторите через несколько секунд', { headers: { 'Retry-After': '2' } });
      }
      if (!checked || !user) {
        req.log.warn({ ip }, 'failed login');
        throw new HttpError(401, 'Неверный логин или пароль');
      }
      deps.loginLimiter.refund(ip);
      req.log.info('login');
      sendToken(res, await deps.tokens.startSession(user.login, tokenVersionOf(user)), user);
    },
  },
  {
    method: 'post',
    path: '/auth/refresh',
    operationId: 'refreshToken',
    summary: "A fresh token for the caller's session (send it while the current one is still valid); refused once the session's 8 hours are over",
    tag: 'auth',
    access: 'user',
    responses: { 200: { description: 'The new token (the old one stays valid until it expires)', schema: SESSION_TOKEN }, ...errors(401) },
    async handle({ deps, res, user, session }) {
      const next = await deps.tokens.continueSession(session!, tokenVersionOf(user!));
      if (!next) throw new HttpError(401, 'Сеанс закончился (8 часов с входа); войдите снова', { headers: { 'WWW-Authenticate': 'Bearer realm="reglament", error="invalid_token"' } });
      sendToken(res, next, user!);
    },
  },
  {
    method: 'post',
    path: '/auth/logout',
    operationId: 'logout',
    summary: "End the caller's session: every token of it is refused from now on",
    tag: 'auth',
    access: 'user',
    responses: { 204: { description: 'The session is ended' }, ...errors(401) },
    async handle({ deps, req, res, session }) {
      await deps.sessions.revoke(session!.sid, session!.sessionEndsAtMs);
      req.log.info('logout');
      res.status(204).end();
    },
  },
  {
    method: 'get',
    path: '/auth/me',
    operationId: 'me',
    summary: 'The signed-in user',
    tag: 'auth',
    access: 'user',
    responses: { 200: { description: 'The user', schema: { type: 'object', required: ['user'], properties: { user: ref('User') } } }, ...errors(401) },
    handle({ res, user }) {
      res.json({ user: publicUser(user!) });
    },
  },
]);
