/**
 * The web UI renews its 15-minute token two minutes before it expires. The browser's clock need not
 * agree with the server's: the renewal is timed from the server's `expiresIn`, counted on the browser's
 * own clock from when the answer arrived, so a skewed clock neither renews in a loop nor too late.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renewalTime, scheduleRenewal, type IssuedToken } from '../../renderer/src/session/renewal.ts';

// The server issues a token at 09:00:00 Moscow time (06:00:00Z), valid 15 minutes: until 06:15:00Z.
const SERVER_NOW = Date.parse('2025-03-03T06:00:00Z');
const issued: IssuedToken = { expiresAt: '2025-03-03T06:15:00.000Z', expiresIn: 900 };
const MINUTE = 60_000;

/**
 * What the page does: schedule the renewal of a token received now; each renewal gets a fresh token of
 * 15 minutes (the server's clock moved on as much as the browser's) and is scheduled again.
 */
function run(browserSkewMs: number, minutes: number): number[] {
  vi.setSystemTime(SERVER_NOW + browserSkewMs);
  const renewals: number[] = [];
  let serverNow = SERVER_NOW;
  let cancel = () => {};
  const receive = (token: IssuedToken) => {
    cancel = scheduleRenewal(renewalTime(token, Date.now()), () => {
      renewals.push(Math.round((Date.now() - browserSkewMs - SERVER_NOW) / 1000));
      serverNow = Date.now() - browserSkewMs;
      receive({ expiresAt: new Date(serverNow + 15 * MINUTE).toISOString(), expiresIn: 900 });
    });
  };
  receive(issued);
  vi.advanceTimersByTime(minutes * MINUTE);
  cancel();
  return renewals;
}

describe('token renewal in the browser', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('renews 13 minutes after receiving a token when the clocks agree', () => {
    // 30 minutes: renewed at 13 and 26 minutes (in seconds after sign-in, on the server's clock).
    expect(run(0, 30)).toEqual([13 * 60, 26 * 60]);
  });

  it('renews every 13 minutes, not in a loop, when the browser clock is 20 minutes ahead of the server', () => {
    // expiresAt − 2 min is 7 minutes in the browser's past: timing from it would renew at once, again and again.
    expect(run(20 * MINUTE, 30)).toEqual([13 * 60, 26 * 60]);
  });

  it('renews before the token expires when the browser clock is 20 minutes behind the server', () => {
    // expiresAt − 2 min is 33 minutes in the browser's future: timing from it would let the token expire unused.
    expect(run(-20 * MINUTE, 30)).toEqual([13 * 60, 26 * 60]);
  });

  it('waits at least a few seconds however short the token, so renewals near the end of the session cannot run in a loop', () => {
    vi.setSystemTime(SERVER_NOW);
    // The session ends in 30 seconds: the server caps the token there.
    const at = renewalTime({ expiresAt: '2025-03-03T06:00:30.000Z', expiresIn: 30 }, Date.now());
    expect(at - Date.now()).toBeGreaterThanOrEqual(10_000);
    expect(at - Date.now()).toBeLessThan(30_000);
  });
});
