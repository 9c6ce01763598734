/**
 * How many of the signed-in user's notifications are unread, for the header: asked when the page
 * changes, every minute, and at once after the notifications page marks them read.
 */
import { useEffect, useState } from 'react';
import { getNotifications } from '../api/endpoints.ts';

const listeners = new Set<() => void>();

/** Tells every header to ask again (after notifications were read). */
export function unreadChanged(): void {
  for (const listener of listeners) listener();
}

export function useUnreadCount(token: string | null): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!token) {
      setCount(0);
      return;
    }
    let live = true;
    const ask = () => {
      getNotifications(token, 1).then(
        (page) => live && setCount(page.unread),
        () => undefined,
      );
    };
    ask();
    listeners.add(ask);
    window.addEventListener('hashchange', ask);
    const timer = setInterval(ask, 60_000);
    return () => {
      live = false;
      listeners.delete(ask);
      window.removeEventListener('hashchange', ask);
      clearInterval(timer);
    };
  }, [token]);
  return count;
}
