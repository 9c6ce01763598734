/**
 * The fee and expected dates for the form as filled in so far (POST .../quote), asked again a moment
 * after the applicant stops typing. A draft the server cannot quote yet keeps the last answer.
 */
import { useEffect, useRef, useState } from 'react';
import { getQuote } from '../api/endpoints.ts';
import type { Quote } from '../api/types.ts';

const PAUSE_MS = 500;

export function useQuote(region: string, service: string, data: unknown): Quote | null {
  const [quote, setQuote] = useState<Quote | null>(null);
  const key = JSON.stringify(data);
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
