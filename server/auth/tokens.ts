/**
 * Session tokens: JWT signed with HS256 (jose). A sign-in starts a **session** (a random id, `sid`)
 * that lasts at most SESSION_LIFETIME_SECONDS (8 hours, a working day); each **access token** of it is
 * valid for ACCESS_TOKEN_SECONDS (15 minutes) and is exchanged for a fresh one (POST /api/auth/refresh)
 * while it is still valid, up to the session's end. There is no separate refresh token: a second
 * long-lived credential would need storing and rotating, and the access token is checked against
 * revocations on every request anyway.
 *
 * A token carries the login, the session id and its end, and the user's token version (`ver`, from
 * users.json): the server refuses it on every request once the session was ended (logout) or the
 * user's version moved on (password change, revocation by an administrator). Region and roles are read
 * from the directory on every request, so changed rights apply at once.
 *
 * Verifying an HS256 token costs a WebCrypto round trip, and a client sends the same token with every
 * request; so the key is imported once, and tokens already verified are remembered (by their exact
 * text, up to their own expiry) in a bounded map. Revocation is checked after, never cached.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';

const ISSUER = 'reglament';
const AUDIENCE = 'reglament-api';
/** How long one access token is valid. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;
/** How long a session lasts from sign-in, however often its token is refreshed. */
export const SESSION_LIFETIME_SECONDS = 8 * 60 * 60;
/** Verified tokens kept at most; the oldest are forgotten first (they are then simply verified again). */
const VERIFIED_CACHE_SIZE = 10_000;

/** What a valid token says. */
export interface TokenClaims {
  readonly login: string;
  /** Session id. */
  readonly sid: string;
  /** The user's token version when the session began. */
  readonly ver: number;
  /** When the session ends (ms since the epoch): no token of it is issued for later. */
  readonly sessionEndsAtMs: number;
  /** When this token expires (ms since the epoch). */
  readonly expiresAtMs: number;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: string;
  /** Seconds until it expires. */
  readonly expiresIn: number;
  readonly sessionEndsAt: string;
}

export class TokenService {
  readonly #key: Promise<CryptoKey>;
  readonly #verified = new Map<string, TokenClaims>();

  constructor(secret: Uint8Array, private readonly now: () => Date = () => new Date()) {
    // A copy: WebCrypto wants a view of a plain ArrayBuffer.
    this.#key = crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  /** A new session for `login` (sign-in), and its first token. */
  startSession(login: string, ver: number): Promise<IssuedToken> {
    const sessionEnd = Math.floor(this.now().getTime() / 1000) + SESSION_LIFETIME_SECONDS;
    return this.#issue(login, randomBytes(16).toString('base64url'), ver, sessionEnd);
  }

  /** A fresh token for the session of `claims` (refresh), expiring no later than the session; null once it has ended. */
  async continueSession(claims: TokenClaims, ver: number): Promise<IssuedToken | null> {
    if (this.now().getTime() >= claims.sessionEndsAtMs) return null;
    return this.#issue(claims.login, claims.sid, ver, Math.floor(claims.sessionEndsAtMs / 1000));
  }

  async #issue(login: string, sid: string, ver: number, sessionEnd: number): Promise<IssuedToken> {
    const iat = Math.floor(this.now().getTime() / 1000);
    const exp = Math.min(iat + ACCESS_TOKEN_SECONDS, sessionEnd);
    const token = await new SignJWT({ sid, ver, sx: sessionEnd })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(login)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(await this.#key);
    return { token, expiresAt: new Date(exp * 1000).toISOString(), expiresIn: exp - iat, sessionEndsAt: new Date(sessionEnd * 1000).toISOString() };
  }

  /** What the token says, or null if it is forged, expired or malformed. Revocation is the caller's check. */
  async verify(token: string): Promise<TokenClaims | null> {
    const nowMs = this.now().getTime();
    const known = this.#verified.get(token);
    if (known) {
      if (nowMs < known.expiresAtMs) return known;
      this.#verified.delete(token);
      return null;
    }
    try {
      const { payload } = await jwtVerify(token, await this.#key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: new Date(nowMs),
      });
      const { sub, exp, sid, ver, sx } = payload as { sub?: unknown; exp?: unknown; sid?: unknown; ver?: unknown; sx?: unknown };
      if (typeof sub !== 'string' || typeof exp !== 'number' || typeof sid !== 'string' || !Number.isInteger(ver) || typeof sx !== 'number') return null;
      const claims: TokenClaims = { login: sub, sid, ver: ver as number, sessionEndsAtMs: sx * 1000, expiresAtMs: exp * 1000 };
      this.#remember(token, claims);
      return claims;
    } catch (e) {
      if (e instanceof errors.JOSEError) return null;
      throw e;
    }
  }

  #remember(token: string, claims: TokenClaims): void {
    if (this.#verified.size >= VERIFIED_CACHE_SIZE) {
      const oldest = this.#verified.keys().next().value;
      if (oldest !== undefined) this.#verified.delete(oldest);
    }
    this.#verified.set(token, claims);
  }
}
