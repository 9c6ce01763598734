/**
 * When the web UI renews its token (POST /api/auth/refresh) while the tab is open: two minutes before
 * the token expires, counted from the server's `expiresIn` on the browser's own clock from when the
 * answer arrived. The browser's clock may be minutes off the server's: timed from `expiresAt` (the
 * server's clock), a clock ahead would renew at once and again in a loop, and a clock behind would let
 * the token expire unused. A floor keeps renewals apart however short a token is (one capped by the
 * session's end).
 */

/** How long before its expiry a token is renewed. */
export const RENEW_BEFORE_MS = 2 * 60_000;

/** Never renew sooner than this after a token arrived. */
export const RENEW_FLOOR_MS = 10_000;

/** What the server says of a token it issued (sign-in or renewal). */
export interface IssuedToken {
  /** When it expires, on the server's clock. */
  readonly expiresAt: string;
  /** Seconds until it expires, as the server counted when it answered. */
  readonly expiresIn: number;
}

/** When (ms since the epoch, on this browser's clock) to renew `token`, received at `receivedAtMs` on this browser's clock. */
export function renewalTime(token: IssuedToken, receivedAtMs: number): number {
  const lifeMs = Number.isFinite(token.expiresIn) ? token.expiresIn * 1000 : 0;
  // A token too short to renew two minutes early (the session ends sooner) is renewed halfway.
  const early = lifeMs - RENEW_BEFORE_MS;
  return receivedAtMs + (early >= RENEW_FLOOR_MS ? early : Math.max(RENEW_FLOOR_MS, lifeMs / 2));
}

/**
 * Calls `renew` at `at` (this browser's clock; undefined: at once, for a token stored without it by
 * an earlier version). Returns the function that cancels it.
 */
export function scheduleRenewal(at: number | undefined, renew: () => void): () => void {
  const delay = at === undefined ? 0 : Math.max(0, at - Date.now());
  const timer = setTimeout(renew, delay);
  return () => clearTimeout(timer);
}
