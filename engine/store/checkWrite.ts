import type { ApplicationRecord, LicenceRecord } from '../api.ts';
import { VersionConflictError } from '../errors.ts';

/**
 * The preconditions every store checks before writing anything of a create or update, so a failed
 * write leaves nothing behind: the application's version follows the expected one, and each licence
 * is either new (version 1, number unused) or exactly one version ahead of the stored licence
 * (two applications amending one licence at once: the second gets a VersionConflictError).
 *
 * @param storedApplicationVersion version now stored for the application, undefined if none
 * @param storedLicenceVersion     version now stored for a licence, undefined if none
 * @param expectedVersion          the version the caller read (0 for a new application)
 */
export function checkWrite(
  app: ApplicationRecord,
  expectedVersion: number,
  licences: readonly LicenceRecord[],
  storedApplicationVersion: number | undefined,
  storedLicenceVersion: (licence: LicenceRecord) => number | undefined,
): void {
  if (app.version !== expectedVersion + 1) {
    throw new RangeError(`application ${app.id} must be written as version ${expectedVersion + 1}, got ${app.version}`);
  }
  if ((storedApplicationVersion ?? 0) !== expectedVersion) {
    throw new VersionConflictError(app.id, expectedVersion, storedApplicationVersion ?? 0);
  }
  for (const licence of licences) {
    const stored = storedLicenceVersion(licence) ?? 0;
    if (stored !== licence.version - 1) {
      throw new VersionConflictError(licence.number, licence.version - 1, stored, 'Лицензия');
    }
  }
}
