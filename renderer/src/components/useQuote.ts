/**
 * The fee and expected dates for the form as filled in so far (POST .../quote), asked again a moment
 * after the applicant stops typing. A draft the server cannot quote yet keeps the last answer.
 * Attachments go without their contents: what a fee or deadline depends on is whether a file is there.
 */
import { useEffect, useRef, useState } from 'react';
import { getQuote } from '../api/endpoints.ts';
import type { Quote } from '../api/types.ts';

const PAUSE_MS = 500;

/** The data with every attached file emptied to its data-URL header ("data:…;name=…;base64,"). */
function withoutFileContents(value: unknown): unknown {
  if (typeof value === 'string') return /^data:[^,]*;base64,/.test(value) ? value.slice(0, value.indexOf(',') + 1) : value;
  if (Array.isArray(value)) return value.map(withoutFileContents);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutFileContents(v)]));
  return value;
}

export function useQuote(region: string, service: string, data: unknown): Quote | null {
  const [quote, setQuote] = useState<Quote | null>(null);
  const key = JSON.stringify(withoutFileContents(data));
  const latest = useRef(key);
  latest.current = key;

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      getQuote(region, service, JSON.parse(key) as unknown, controller.signal).then(
        (q) => latest.current === key && setQuote(q),
        () => undefined,
      );
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [region, service, key]);

  return quote;
}
