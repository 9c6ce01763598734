/**
 * The server's logger (pino, JSON lines on stdout). Personal data never goes into it: request logs
 * carry method, path, status and timing only (requestLog.ts), and `redact` blanks every field that
 * could hold an applicant's data should anything ever log one: form data and task data, registry
 * attributes, whole applications, request and response bodies, headers and query strings, passwords,
 * logins, identifiers, names and contacts, and the field errors that quote them.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

const PERSONAL = [
  'submission', 'payload', 'data', 'attributes', 'application', 'applications', 'licence', 'document', 'html',
  'body', 'headers', 'query', 'errors', 'record', 'password', 'passwordHash', 'login', 'user', 'name', 'inn',
  'ogrn', 'ogrnip', 'snils', 'phone', 'email', 'address', 'applicantId', 'userId',
];

/**
 * Each field at the top level of a log call, and inside the objects the server logs: an error (its
 * field errors, or the stored response an idempotency conflict carries), a request and a response.
 * Explicit paths only: pino's wildcards (`*.x`) cost about ten times more per line, on every request.
 */
export const REDACTED_PATHS: readonly string[] = [
  ...PERSONAL,
  'err.errors', 'err.record', 'err.submission', 'err.body',
  'req.headers', 'req.body', 'req.query', 'res.headers',
];

export const CENSOR = '[скрыто]';

export function createLogger(env: NodeJS.ProcessEnv, destination?: DestinationStream): Logger {
  const options = { level: env.LOG_LEVEL ?? 'info', redact: { paths: [...REDACTED_PATHS], censor: CENSOR } };
  // Logs go out asynchronously in batches: a synchronous write per request line costs more CPU than the
  // request itself. Shutdown flushes them; on a crash the last few lines may be lost, never a record.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
