/**
 * How long what is not filed is kept, and the sweep that removes it: an upload no application was filed
 * with goes 24 hours after it was made (unless a draft still refers to it), a draft after
 * DRAFT_RETENTION_DAYS (default 30) without a change. Swept at start and every hour, by the server's
 * clock (the one that dates uploads and drafts).
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { Clock, Store } from '../../engine/api.ts';

export const UPLOAD_RETENTION_MS = 24 * 3_600_000;
export const DEFAULT_DRAFT_RETENTION_DAYS = 30;
const SWEEP_EVERY_MS = 3_600_000;

/** Days a draft is kept after its last change (DRAFT_RETENTION_DAYS). */
export function draftRetentionDays(env: NodeJS.ProcessEnv): number {
  const text = env.DRAFT_RETENTION_DAYS;
  if (text === undefined || text === '') return DEFAULT_DRAFT_RETENTION_DAYS;
  if (!/^[1-9]\d{0,3}$/.test(text)) throw new RangeError(`DRAFT_RETENTION_DAYS must be a whole number of days from 1 to 9999, got "${text}"`);
  return Number(text);
}

/** Sweeps now and every hour; returns the function that stops it, resolving once a sweep under way is done. */
export function sweepRegularly(store: Store, clock: Clock, draftDays: number, logger: Logger): () => Promise<void> {
  const sweep = () => {
    const now = clock.now().getTime();
    const started = performance.now();
    return store.sweep({ uploadsBefore: new Date(now - UPLOAD_RETENTION_MS), draftsBefore: new Date(now - draftDays * 86_400_000) }).then(
      ({ uploads, drafts }) => {
        const took = `${Math.round(performance.now() - started)} ms`;
        logger.info(`swept uploads and drafts in ${took}: removed ${uploads} upload(s) never filed (older than 24 h) and ${drafts} draft(s) unchanged for ${draftDays} days`);
      },
      (e: unknown) => logger.error({ err: e }, 'sweeping old uploads and drafts failed'),
    );
  };
  let running = sweep();
  const timer = setInterval(() => {
    running = running.then(sweep);
  }, SWEEP_EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    return running;
  };
}
