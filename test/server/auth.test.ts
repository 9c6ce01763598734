/** Sign-in building blocks: password hashes, session tokens, the failed-login bucket. */
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../server/auth/password.ts';
import { TokenBucketLimiter } from '../../server/auth/rateLimit.ts';
import { TokenService } from '../../server/auth/tokens.ts';

const cheap = { N: 1024, r: 8, p: 1 };

describe('password hashes', () => {
  it('accept the password they were made from and nothing else', async () => {
    const hash = await hashPassword('correct horse', cheap);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsE', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('use a fresh salt each time, so equal passwords give different hashes', async () => {
    expect(await hashPassword('same', cheap)).not.toBe(await hashPassword('same', cheap));
  });

  it('reject a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$AAAA$BBBB')).toBe(false);
  });

  it('record the scrypt cost, so hashes made with another cost still verify', async () => {
    const hash = await hashPassword('pw', { N: 2048, r: 8, p: 1 });
    expect(hash.startsWith('scrypt$2048$8$1$')).toBe(true);
    expect(await verifyPassword('pw', hash)).toBe(true);
  });
});

describe('session tokens', () => {
  const secret = new TextEncoder().encode('x'.repeat(48));

  it('name the login, session and token version they were issued to', async () => {
    const tokens = new TokenService(secret);
    const { token } = await tokens.startSession('officer@sample', 3);
    expect(await tokens.verify(token)).toMatchObject({ login: 'officer@sample', ver: 3, sid: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
    const other = await tokens.startSession('officer@sample', 3);
    expect((await tokens.verify(other.token))!.sid).not.toBe((await tokens.verify(token))!.sid);
  });

  it('stop working after 15 minutes, and are renewed only until 8 hours after sign-in', async () => {
    let now = new Date('2025-03-03T08:00:00Z');
    const tokens = new TokenService(secret, () => now);
    const first = await tokens.startSession('u', 0);
    expect(first).toMatchObject({ expiresAt: '2025-03-03T08:15:00.000Z', expiresIn: 900, sessionEndsAt: '2025-03-03T16:00:00.000Z' });
    now = new Date('2025-03-03T08:14:59Z');
    const claims = (await tokens.verify(first.token))!;
    expect(claims.login).toBe('u');
    now = new Date('2025-03-03T08:15:01Z');
    expect(await tokens.verify(first.token)).toBeNull();
    // Renewed from a valid token, the session is the same and its end does not move.
    now = new Date('2025-03-03T15:50:00Z');
    const late = (await tokens.continueSession(claims, 0))!;
    expect(late.expiresAt).toBe('2025-03-03T16:00:00.000Z');
    expect((await tokens.verify(late.token))!.sid).toBe(claims.sid);
    now = new Date('2025-03-03T16:00:00Z');
    expect(await tokens.continueSession(claims, 0)).toBeNull();
    expect(await tokens.verify(late.token)).toBeNull();
  });

  it('are refused when signed with another key or altered', async () => {
    const mine = new TokenService(secret);
    const theirs = new TokenService(new TextEncoder().encode('y'.repeat(48)));
    const { token } = await theirs.startSession('head@sample', 0);
    expect(await mine.verify(token)).toBeNull();
    const own = (await mine.startSession('applicant@sample', 0)).token;
    const [h, , s] = own.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'head@sample' })).toString('base64url')}.${s}`;
    expect(await mine.verify(forged)).toBeNull();
    expect(await mine.verify('not a token')).toBeNull();
  });
});

describe('failed-login bucket', () => {
  it('allows a burst of failures, then makes the address wait, then lets it try again', () => {
    let ms = 0;
    const limiter = new TokenBucketLimiter({ capacity: 3, refillPerSecond: 0.5 }, () => ms);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('1.2.3.4')).toBe(0);
      limiter.take('1.2.3.4');
    }
    expect(limiter.retryAfter('1.2.3.4')).toBe(2);
    expect(limiter.retryAfter('5.6.7.8')).toBe(0);
    ms += 2000;
    expect(limiter.retryAfter('1.2.3.4')).toBe(0);
  });

  it('takes a token in the same step as the check, and gives it back on request', () => {
    const limiter = new TokenBucketLimiter({ capacity: 2, refillPerSecond: 0.5 }, () => 0);
    expect(limiter.tryTake('a')).toBe(0);
    expect(limiter.tryTake('a')).toBe(0);
    expect(limiter.tryTake('a')).toBe(2);
    limiter.refund('a');
    expect(limiter.tryTake('a')).toBe(0);
    expect(limiter.tryTake('a')).toBe(2);
  });

  it('keeps at most maxKeys addresses', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, refillPerSecond: 0.001, maxKeys: 2 }, () => 0);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // evicts "a", the least recently seen
    expect(limiter.retryAfter('a')).toBe(0);
    expect(limiter.retryAfter('c')).toBeGreaterThan(0);
  });
});
