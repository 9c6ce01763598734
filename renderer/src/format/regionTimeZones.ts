/**
 * The time zones of the regions this page has met (region.yaml `timezone`), remembered from every region
 * detail the UI loads, so that writing an instant in a region's zone (RegionTime.tsx) rarely needs a request.
 */
const zones = new Map<string, string | null>();

/** Remembers `region`'s time zone; null: the region could not be read (the browser's zone is used). */
export function rememberTimeZone(region: string, timeZone: string | null): void {
  zones.set(region, timeZone);
}

/** `region`'s time zone; undefined while not known yet. */
export function knownTimeZone(region: string): string | null | undefined {
  return zones.get(region);
}
