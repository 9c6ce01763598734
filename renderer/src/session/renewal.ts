/**
 * When the web UI renews its token (POST /api/auth/refresh) while the tab is open: two minutes before
 * the token expires.
 */

/** How long before its expiry a token is renewed. */
export const RENEW_BEFORE_MS = 2 * 60_000;

/** What the server says of a token it issued (sign-in or renewal). */
export interface IssuedToken {
  /** When it expires, on the server's clock. */
  readonly expiresAt: string;
  /** Seconds until it expires, as the server counted when it answered. */
  readonly expiresIn: number;
}

/** When (ms since the epoch, on this browser's clock) to renew `token`, received at `receivedAtMs` on this browser's clock. */
export function renewalTime(token: IssuedToken, _receivedAtMs: number): number {
  return Date.parse(token.expiresAt) - RENEW_BEFORE_MS;
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
