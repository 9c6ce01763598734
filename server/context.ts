/** What every route handler may use: built once by createApp. */
import type { Logger } from 'pino';
import type { Clock, EngineApi } from '../engine/api.ts';
import type { PasswordPool } from './auth/passwordPool.ts';
import type { TokenBucketLimiter } from './auth/rateLimit.ts';
import type { SessionRevocations } from './auth/sessionRevocations.ts';
import type { TokenService } from './auth/tokens.ts';
import type { UserDirectory } from './auth/users.ts';
import type { CachedJson } from './http/etag.ts';
import type { Metrics } from './ops/metrics.ts';
import type { RouteDef } from './routes/types.ts';
import type { LiveHub } from './live/LiveHub.ts';
import type { VirusScanner } from './uploads/virusScan.ts';

export interface AppDeps {
  readonly engine: EngineApi;
  readonly users: UserDirectory;
  readonly tokens: TokenService;
  /** Sessions ended by logout, checked on every request. */
  readonly sessions: SessionRevocations;
  readonly loginLimiter: TokenBucketLimiter;
  /** Where login passwords are checked, a bounded number at a time. */
  readonly passwords: PasswordPool;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The route table the app was built from (the OpenAPI route reads it). */
  readonly routes: readonly RouteDef[];
  /** Serialised compiled forms with their ETags, by region id, config version and form id. */
  readonly formCache: Map<string, CachedJson>;
  /** Days a draft is kept after its last change (DRAFT_RETENTION_DAYS), as told to applicants. */
  readonly draftRetentionDays: number;
  /** Scans every upload as it arrives (CLAMD_ADDRESS), or null: no scan. */
  readonly scanner: VirusScanner | null;
  /** Prometheus metrics: handlers count filings and steps. */
  readonly metrics: Metrics;
  /** How long an Idempotency-Key is kept (IDEMPOTENCY_KEY_HOURS). */
  readonly idempotencyTtlMs: number;
  /** Live updates (server-sent events) of applications. */
  readonly live: LiveHub;
}
