/**
 * Who is signed in: the token from POST /api/auth/login and its user, kept in sessionStorage so a
 * reload keeps the session and closing the tab ends it. The token is checked with /api/auth/me on start.
 * A token lasts 15 minutes: while the tab is open it is renewed two minutes before it expires, until
 * the session's 8 hours are over; then (or when the server has ended the session) the user signs in
 * again. Signing out ends the session on the server too.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError } from '../api/ApiError.ts';
import { login, logout, me, refreshToken } from '../api/endpoints.ts';
import type { User } from '../api/types.ts';

/** How long before its expiry a token is renewed. */
const RENEW_BEFORE_MS = 2 * 60_000;

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
  /** When the token expires (absent in sessions stored by an earlier version: renewed at once). */
  readonly expiresAt?: string;
}

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
  const expiresAt = stored?.expiresAt;
  useEffect(() => {
    if (!token) return;
    me(token).catch((e: unknown) => {
      if (isApiError(e) && e.status === 401) save(null);
    });
  }, [token, save]);

  useEffect(() => {
    if (!token) return;
    const due = expiresAt ? Date.parse(expiresAt) - RENEW_BEFORE_MS - Date.now() : 0;
    const timer = setTimeout(() => {
      refreshToken(token).then(
        (next) => save({ token: next.token, user: next.user, expiresAt: next.expiresAt }),
        (e: unknown) => {
          // The session is over (8 hours) or was ended: sign in again. Other failures: try again later.
          if (isApiError(e) && e.status === 401) save(null);
        },
      );
    }, Math.max(0, due));
    return () => clearTimeout(timer);
  }, [token, expiresAt, save]);

  const session = useMemo<Session>(
    () => ({
      user: stored?.user ?? null,
      token,
      async signIn(loginName, password) {
        const result = await login(loginName, password);
        save({ token: result.token, user: result.user, expiresAt: result.expiresAt });
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
