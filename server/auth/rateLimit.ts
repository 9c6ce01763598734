/**
 * An in-memory token bucket per key (the client IP), used to slow down password guessing: each login
 * attempt takes a token BEFORE its password is hashed (check and take are one synchronous step, so
 * parallel attempts cannot all pass the check first), a successful login gives its token back, tokens
 * come back at a steady rate, and with the bucket empty logins are refused (429) without hashing.
 */
export interface BucketOptions {
  /** Failed attempts allowed in a burst. */
  readonly capacity: number;
  /** Tokens regained per second. */
  readonly refillPerSecond: number;
  /** Buckets kept at most; the oldest are dropped beyond it, so a flood of addresses cannot exhaust memory. */
  readonly maxKeys?: number;
}

export const DEFAULT_LOGIN_LIMIT: BucketOptions = { capacity: 10, refillPerSecond: 1 / 6, maxKeys: 10_000 };

export class TokenBucketLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly options: BucketOptions = DEFAULT_LOGIN_LIMIT, private readonly now: () => number = () => Date.now()) {}

  /** Seconds until `key` may try again; 0 when it may try now. */
  retryAfter(key: string): number {
    const tokens = this.#refill(key).tokens;
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.options.refillPerSecond);
  }

  /** Takes one token (a failed attempt). */
  take(key: string): void {
    const bucket = this.#refill(key);
    bucket.tokens = Math.max(0, bucket.tokens - 1);
  }

  /**
   * Takes one token if there is one: 0 when taken, else the seconds until one comes back (nothing taken).
   * Synchronous, so no other attempt can run between the check and the take.
   */
  tryTake(key: string): number {
    const bucket = this.#refill(key);
    if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) / this.options.refillPerSecond);
    bucket.tokens -= 1;
    return 0;
  }

  /** Gives back a token taken by tryTake (the attempt succeeded, or was never checked). */
  refund(key: string): void {
    const bucket = this.#refill(key);
    bucket.tokens = Math.min(this.options.capacity, bucket.tokens + 1);
  }

  #refill(key: string): { tokens: number; at: number } {
    const now = this.now();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.options.capacity, at: now };
      if (this.#buckets.size >= (this.options.maxKeys ?? 10_000)) {
        const oldest = this.#buckets.keys().next().value;
        if (oldest !== undefined) this.#buckets.delete(oldest);
      }
    } else {
      bucket.tokens = Math.min(this.options.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.options.refillPerSecond);
      bucket.at = now;
      // Re-insert so Map order stays "least recently used first" for eviction.
      this.#buckets.delete(key);
    }
    this.#buckets.set(key, bucket);
    return bucket;
  }
}
