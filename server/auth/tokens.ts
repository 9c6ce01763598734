/**
 * Session tokens: JWT signed with HS256 (jose), valid for 8 hours. The token carries only the login;
 * the user's region and roles are read from the directory on every request, so a changed or removed
 * user loses the old rights at once.
 */
import { SignJWT, jwtVerify, errors } from 'jose';

const ISSUER = 'reglament';
const AUDIENCE = 'reglament-api';
export const TOKEN_LIFETIME_SECONDS = 8 * 60 * 60;

export class TokenService {
  constructor(private readonly secret: Uint8Array, private readonly now: () => Date = () => new Date()) {}

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
      .sign(this.secret);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The login the token was issued to, or null if it is forged, expired or malformed. */
  async verify(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: this.now(),
      });
      return typeof payload.sub === 'string' ? payload.sub : null;
    } catch (e) {
      if (e instanceof errors.JOSEError) return null;
      throw e;
    }
  }
}
