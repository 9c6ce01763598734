import type { LicenceRecord } from '../api.ts';
import type { RegistryFile } from '../../config/types/generated.ts';

/**
 * The one public view of a licence: what anyone may see, signed in or not. Attributes marked
 * `public: false` in registry.yaml are removed. Every anonymous route (registry search, entry,
 * extract) and every document about a licence its application only names (an extract asked for by
 * a third party) goes through here; the licensee's own documents and staff see the whole record.
 */
export function publicLicence(registry: RegistryFile | undefined, licence: LicenceRecord): LicenceRecord {
  const hidden = new Set((registry?.attributes ?? []).filter((a) => a.public === false).map((a) => a.id));
  if (hidden.size === 0) return licence;
  const attributes = Object.fromEntries(Object.entries(licence.attributes).filter(([id]) => !hidden.has(id)));
  return { ...licence, attributes };
}
