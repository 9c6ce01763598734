/**
 * Session tokens: JWT signed with HS256 (jose), valid for 8 hours. The token carries only the login;
 * the user's region and roles are read from the directory on every request, so a changed or removed
 * user loses the old rights at once.
 *
 * Verifying an HS256 token costs a WebCrypto round trip, and a client sends the same token with every
 * request for hours; so the key is imported once, and tokens already verified are remembered (by
 * their exact text, up to their own expiry) in a bounded map.
 */
import { SignJWT, jwtVerify, errors } from 'jose';

const ISSUER = 'reglament';
const AUDIENCE = 'reglament-api';
export const TOKEN_LIFETIME_SECONDS = 8 * 60 * 60;
/** Verified tokens kept at most; the oldest are forgotten first (they are then simply verified again). */
const VERIFIED_CACHE_SIZE = 10_000;

export class TokenService {
  readonly #key: Promise<CryptoKey>;
  readonly #verified = new Map<string, { login: string; expiresAtMs: number }>();

  constructor(secret: Uint8Array, private readonly now: () => Date = () => new Date()) {
    // A copy: WebCrypto wants a view of a plain ArrayBuffer.
    this.#key = crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async issue(login: string): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(this.now().getTime() / 1000);
    const exp = iat + TOKEN_LIFETIME_SECONDS;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(login)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(await this.#key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The login the token was issued to, or null if it is forged, expired or malformed. */
  async verify(token: string): Promise<string | null> {
    const nowMs = this.now().getTime();
    const known = this.#verified.get(token);
    if (known) {
      if (nowMs < known.expiresAtMs) return known.login;
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
      if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null;
      this.#remember(token, payload.sub, payload.exp * 1000);
      return payload.sub;
    } catch (e) {
      if (e instanceof errors.JOSEError) return null;
      throw e;
    }
  }

  #remember(token: string, login: string, expiresAtMs: number): void {
    if (this.#verified.size >= VERIFIED_CACHE_SIZE) {
      const oldest = this.#verified.keys().next().value;
      if (oldest !== undefined) this.#verified.delete(oldest);
    }
    this.#verified.set(token, { login, expiresAtMs });
  }
}
