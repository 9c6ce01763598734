/**
 * Instants (when something was filed, done, sent, saved) are shown in the region's time zone, region.yaml
 * `timezone`, wherever the reader is: a regulation's days and office hours are the region's, and a
 * filing at 23:30 in the region belongs to that day whatever a browser in another zone says. The one way the
 * interface writes an instant is `<Instant at=… />` (or useInstant() for text in attributes and
 * sentences), under the RegionTime of the region the page is about.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { getRegion } from '../api/endpoints.ts';
import { formatInstant, formatShortInstant } from './dates.ts';
import { knownTimeZone, rememberTimeZone } from './regionTimeZones.ts';

/** Regions whose detail is being loaded for their time zone, so that many instants share one request. */
const loading = new Map<string, Promise<void>>();

/** The time zone of `region`, loaded once per page session; undefined until known (or with no region). */
function useRegionTimeZone(region: string | undefined): string | undefined {
  const [zone, setZone] = useState(() => (region ? knownTimeZone(region) ?? undefined : undefined));
  useEffect(() => {
    if (!region) return;
    let current = true;
    const known = knownTimeZone(region);
    if (known !== undefined) {
      setZone(known ?? undefined);
      return;
    }
    let pending = loading.get(region);
    if (!pending) {
      // getRegion remembers the zone itself (endpoints.ts); a failure leaves the browser's.
      pending = getRegion(region).then(
        () => undefined,
        () => rememberTimeZone(region, null),
      );
      loading.set(region, pending);
    }
    void pending.then(() => current && setZone(knownTimeZone(region) ?? undefined));
    return () => {
      current = false;
    };
  }, [region]);
  return zone;
}

const TimeZone = createContext<string | undefined>(undefined);

/**
 * Instants inside are written in `region`'s time zone. Until it is known (or without a region, e.g.
 * platform staff of every region) the zone of the enclosing RegionTime holds, at the top the browser's.
 */
export function RegionTime({ region, children }: { region: string | undefined; children: ReactNode }) {
  const outer = useContext(TimeZone);
  const zone = useRegionTimeZone(region);
  return <TimeZone.Provider value={zone ?? outer}>{children}</TimeZone.Provider>;
}

/** Formats instants in the page's region time zone: "7 декабря 2026 г. в 17:49", short "07.12.2026 17:49". */
export function useInstant(): (iso: string, options?: { readonly short?: boolean }) => string {
  const zone = useContext(TimeZone);
  return (iso, options) => (options?.short ? formatShortInstant(iso, zone) : formatInstant(iso, zone));
}

/** An instant as a <time> element, in the page's region time zone (named in its tooltip). */
export function Instant({ at, short = false }: { at: string; short?: boolean }) {
  const zone = useContext(TimeZone);
  const format = useInstant();
  return (
    <time dateTime={at} title={zone}>
      {format(at, { short })}
    </time>
  );
}
