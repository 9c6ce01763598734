import type { LicenceRecord } from '../api.ts';
import type { RegistryFile } from '../../config/types/generated.ts';

/** The licence as the public registry shows it: attributes marked `public: false` in registry.yaml are removed. */
export function publicLicence(registry: RegistryFile | undefined, licence: LicenceRecord): LicenceRecord {
  const hidden = new Set((registry?.attributes ?? []).filter((a) => a.public === false).map((a) => a.id));
  if (hidden.size === 0) return licence;
  const attributes = Object.fromEntries(Object.entries(licence.attributes).filter(([id]) => !hidden.has(id)));
  return { ...licence, attributes };
}
