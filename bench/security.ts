/**
 * What the safety features add to every request, measured in-process so a busy machine moves the
 * figures less than an HTTP run: `npm run bench -- security`.
 *
 *   metrics       the Prometheus middleware (a histogram timer started, observed with its labels on finish)
 *   request line  one request log line without and with the redaction paths (server/log/createLogger.ts)
 *   idempotency   reading an absent Idempotency-Key header (what a request without one pays)
 *   session check verifying a cached token and the revocation lookups authenticate() makes
 *
 * Prints microseconds of CPU per request for each, median of 5 runs of 20,000.
 */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { SessionRevocations } from '../server/auth/sessionRevocations.ts';
import { TokenService } from '../server/auth/tokens.ts';
import { tokenVersionOf, UserDirectory } from '../server/auth/users.ts';
import { createLogger } from '../server/log/createLogger.ts';
import { Metrics } from '../server/ops/metrics.ts';

const N = 20_000;
const RUNS = 5;

/** Median over RUNS of the CPU microseconds per call of `work` (which does `n` calls). */
async function measure(work: (n: number) => void | Promise<void>): Promise<number> {
  await work(N); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const before = process.cpuUsage();
    await work(N);
    const used = process.cpuUsage(before);
    runs.push((used.user + used.system) / N);
  }
  return runs.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const sink = () => new Writable({ write(_chunk, _encoding, done) { done(); } });
const line = () => ({ req: { id: 'b8e1c2a4-0d7e-4c55-9d1b-0f6a2b7c9e11', method: 'POST', url: '/api/regions/vologda/services/grant/applications', remoteAddress: '127.0.0.1' }, res: { statusCode: 201 }, responseTime: 3 });

const metrics = new Metrics();
const middleware = metrics.middleware();
const fakeRequest = { method: 'POST', baseUrl: '', route: { path: '/api/regions/:region/services/:service/applications' } };

const plain = pino({}, sink());
const redacted = createLogger({}, sink());

const tokens = new TokenService(new TextEncoder().encode('b'.repeat(48)));
const { token } = await tokens.startSession('applicant@vologda', 0);
const users = new UserDirectory([{ login: 'applicant@vologda', name: 'A', region: 'vologda', roles: ['applicant'], passwordHash: 'scrypt$1$1$1$a$b' }]);
const sessions = new SessionRevocations(null);
const headers = new Map<string, string>([['content-type', 'application/json']]);

const results: [string, number][] = [
  [
    'metrics middleware (timer + observe on finish)',
    await measure((n) => {
      for (let i = 0; i < n; i++) {
        const res = Object.assign(new EventEmitter(), { statusCode: 201 });
        middleware(fakeRequest as never, res as never, () => undefined);
        res.emit('finish');
      }
    }),
  ],
  ['request log line, no redaction', await measure((n) => { for (let i = 0; i < n; i++) plain.info(line(), 'request completed'); })],
  ['request log line, with redaction', await measure((n) => { for (let i = 0; i < n; i++) redacted.info(line(), 'request completed'); })],
  ['Idempotency-Key absent (header lookup)', await measure((n) => { for (let i = 0; i < n; i++) headers.get('idempotency-key'); })],
  [
    'session check (cached token, user, version, revocation)',
    await measure(async (n) => {
      for (let i = 0; i < n; i++) {
        const claims = (await tokens.verify(token))!;
        const user = users.find(claims.login)!;
        if (tokenVersionOf(user) !== claims.ver || sessions.isRevoked(claims.sid)) throw new Error('refused');
      }
    }),
  ],
];

console.log(`\nsafety features, CPU per request (median of ${RUNS} runs of ${N.toLocaleString('en')}; node ${process.version})\n`);
console.log('| what | µs CPU per request |\n|:--|--:|');
for (const [what, us] of results) console.log(`| ${what} | ${us.toFixed(2)} |`);
