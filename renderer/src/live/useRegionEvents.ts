/**
 * Live updates: calls `onChange` with the id and version of each application of the region that
 * changes, as the server's event stream tells (staff: every application of the region; an applicant:
 * their own), and with null after a reconnect the server could not resume ("reset": reload everything).
 *
 * The browser's own EventSource cannot send the Authorization header, so the `eventsource` package
 * (a WhatWG-compatible EventSource over fetch) does it; it reconnects by itself, sending Last-Event-ID.
 */
import { EventSource } from 'eventsource';
import { useEffect, useRef } from 'react';
import { regionEventsUrl } from '../api/endpoints.ts';

export interface LiveChange {
  readonly id: string;
  readonly version: number;
}

export function useRegionEvents(region: string, token: string | null, onChange: (change: LiveChange | null) => void): void {
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    if (!token) return;
    const source = new EventSource(regionEventsUrl(region), {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, Authorization: `Bearer ${token}` } }),
    });
    source.addEventListener('application', (event) => {
      try {
        callback.current(JSON.parse(event.data) as LiveChange);
      } catch {
        // Not ours to break on: a malformed event is ignored.
      }
    });
    source.addEventListener('reset', () => callback.current(null));
    return () => source.close();
  }, [region, token]);
}
