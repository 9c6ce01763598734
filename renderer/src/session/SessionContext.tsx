/**
 * Who is signed in: the token from POST /api/auth/login and its user, kept in sessionStorage so a
 * reload keeps the session and closing the tab ends it. The token is checked with /api/auth/me on start.
 * A token lasts 15 minutes: while the tab is open it is renewed two minutes before it expires (timed on
 * the browser's clock from the server's `expiresIn`, see renewal.ts), until
 * the session's 8 hours are over; then (or when the server has ended the session) the user signs in
 * again. Signing out ends the session on the server too.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError } from '../api/ApiError.ts';
import { login, logout, me, refreshToken } from '../api/endpoints.ts';
import type { LoginResult, User } from '../api/types.ts';
import { renewalTime, scheduleRenewal } from './renewal.ts';

interface Session {
  readonly user: User | null;
  readonly token: string | null;
  signIn(loginName: string, password: string): Promise<User>;
  signOut(): void;
}

const STORAGE_KEY = 'reglament.session';

interface Stored {
  readonly token: string;
  readonly user: User;
  /** When to renew the token, on this browser's clock (absent in sessions stored by an earlier version: renewed at once). */
  readonly renewAt?: number;
}

/** What is kept of a token the server just issued. */
const storedOf = (result: LoginResult): Stored => ({ token: result.token, user: result.user, renewAt: renewalTime(result, Date.now()) });

function readStored(): Stored | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<Stored | null>(readStored);

  const save = useCallback((next: Stored | null) => {
    if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(STORAGE_KEY);
    setStored(next);
  }, []);

  const token = stored?.token ?? null;
  const renewAt = stored?.renewAt;
  useEffect(() => {
    if (!token) return;
    me(token).catch((e: unknown) => {
      if (isApiError(e) && e.status === 401) save(null);
    });
  }, [token, save]);

  useEffect(() => {
    if (!token) return;
    return scheduleRenewal(renewAt, () => {
      refreshToken(token).then(
        (next) => save(storedOf(next)),
        (e: unknown) => {
          // The session is over (8 hours) or was ended: sign in again. Other failures: try again later.
          if (isApiError(e) && e.status === 401) save(null);
        },
      );
    });
  }, [token, renewAt, save]);

  const session = useMemo<Session>(
    () => ({
      user: stored?.user ?? null,
      token,
      async signIn(loginName, password) {
        const result = await login(loginName, password);
        save(storedOf(result));
        return result.user;
      },
      signOut: () => {
        if (token) void logout(token).catch(() => undefined);
        save(null);
      },
    }),
    [stored, token, save],
  );

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The current session; components under SessionProvider only. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
