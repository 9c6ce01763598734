import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { formatLicenceNumber } from '../registry/formatLicenceNumber.ts';

/** The numbering of a region without `applicationNumbering` in region.yaml. */
export const DEFAULT_APPLICATION_NUMBERING = { pattern: '{year}-{seq}', digits: 4 } as const;

/**
 * The readable number of a region's application: its `applicationNumbering` pattern with the year of
 * receipt and the sequence number the store gave it (formatted like a licence number).
 */
export function applicationNumber(region: RegionConfig, year: number, seq: number): string {
  const numbering = region.region.applicationNumbering ?? DEFAULT_APPLICATION_NUMBERING;
  return formatLicenceNumber(numbering.pattern, numbering.digits ?? DEFAULT_APPLICATION_NUMBERING.digits, seq, year);
}
