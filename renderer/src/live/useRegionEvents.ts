/**
 * Live updates: calls `onChange` with the id and version of each application of the region that
 * changes, as the server's event stream tells (staff: every application of the region; an applicant:
 * their own), and with null after a reconnect the server could not resume ("reset": reload everything).
 *
 * The browser's own EventSource cannot send the Authorization header, so the `eventsource` package
 * (a WhatWG-compatible EventSource over fetch) does it; it reconnects by itself, sending Last-Event-ID,
 * and a new stream (the token was renewed) starts from the last event the old one delivered.
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
  // The last event seen, kept across streams: a renewed token opens a new stream, which resumes from it.
  const lastEventId = useRef<string | null>(null);
  useEffect(() => {
    if (!token) return;
    const source = new EventSource(regionEventsUrl(region), {
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${token}`);
        if (lastEventId.current && !headers.has('Last-Event-ID')) headers.set('Last-Event-ID', lastEventId.current);
        return fetch(input, { ...init, headers });
      },
    });
    source.addEventListener('application', (event) => {
      if (event.lastEventId) lastEventId.current = event.lastEventId;
      try {
        callback.current(JSON.parse(event.data) as LiveChange);
      } catch {
        // Not ours to break on: a malformed event is ignored.
      }
    });
    source.addEventListener('reset', () => {
      lastEventId.current = null;
      callback.current(null);
    });
    return () => source.close();
  }, [region, token]);
}
