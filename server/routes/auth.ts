/** Sign-in: a login and password for a session token; and who the token belongs to. */
import { decoyHash } from '../auth/password.ts';
import { TOKEN_LIFETIME_SECONDS } from '../auth/tokens.ts';
import { publicUser } from '../auth/users.ts';
import { HttpError } from '../http/HttpError.ts';
import { errors, ref } from '../openapi/schemas.ts';
import { defineRoutes } from './types.ts';

export const authRoutes = defineRoutes([
  {
    method: 'post',
    path: '/auth/login',
    operationId: 'login',
    summary: 'Sign in: returns a bearer token valid for 8 hours',
    tag: 'auth',
    access: 'public',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['login', 'password'],
      properties: { login: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 1000 } },
    },
    responses: {
      200: {
        description: 'Signed in',
        schema: {
          type: 'object',
          required: ['token', 'expiresAt', 'user'],
          properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, expiresIn: { type: 'integer' }, user: ref('User') },
        },
      },
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
      const { token, expiresAt } = await deps.tokens.issue(user.login);
      req.log.info({ user: user.login }, 'login');
      res.setHeader('Cache-Control', 'no-store');
      res.json({ token, expiresAt, expiresIn: TOKEN_LIFETIME_SECONDS, user: publicUser(user) });
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
