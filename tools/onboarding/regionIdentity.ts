/**
 * Rewrites who a region folder belongs to in its region.yaml (id, title, authority, timezone, shared
 * folder) in place (editYaml), so every comment and the rest of the layout survive.
 */
import { isMap, parseDocument } from 'yaml';
import { editYaml, type YamlEdit } from './editYaml.ts';

/** The identity a new region gets; absent keys keep the source's value. */
export interface RegionIdentity {
  readonly id: string;
  readonly title: string;
  readonly authority: string;
  readonly timezone?: string;
  /** `shared:` path from the new folder; written when region.yaml has the key or it differs from the default. */
  readonly shared: string;
}

/** What the rewrite changed and what it left for a person to review. */
export interface IdentityRewrite {
  readonly text: string;
  /** Keys copied from the source that name the source's authority or regulation, e.g. "authority.headTitle". */
  readonly review: readonly string[];
  /** Keys removed because they can only be wrong in another region, e.g. "authority.address". */
  readonly removed: readonly string[];
}

/** The loader's `shared:` when region.yaml has none. */
export const DEFAULT_SHARED = '../_shared';

// These describe the source's authority or act: kept as a starting point, but listed for review.
const REVIEW_KEYS: readonly (readonly string[])[] = [
  ['authority', 'shortTitle'], ['authority', 'headTitle'], ['authority', 'clause'],
  ['regulation', 'title'], ['regulation', 'act'], ['workingHours'],
];
// A postal address of another authority is never right for the new one.
const REMOVED_KEYS: readonly (readonly string[])[] = [['authority', 'address']];

/** Returns region.yaml `text` with the new identity applied. Throws if the text is not a YAML mapping. */
export function rewriteRegionIdentity(text: string, identity: RegionIdentity): IdentityRewrite {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new Error(`region.yaml is not a YAML mapping: ${doc.errors[0]?.message ?? 'empty file'}`);
  const removed = REMOVED_KEYS.filter((k) => doc.hasIn(k));
  const edits: YamlEdit[] = [
    { path: ['id'], value: identity.id },
    { path: ['title'], value: identity.title },
    { path: ['authority', 'title'], value: identity.authority },
    ...(identity.timezone !== undefined ? [{ path: ['timezone'], value: identity.timezone }] : []),
    // A folder that relied on the default keeps relying on it while the default still resolves.
    ...(doc.hasIn(['shared']) || identity.shared !== DEFAULT_SHARED ? [{ path: ['shared'], value: identity.shared }] : []),
    ...removed.map((k) => ({ path: k, value: undefined })),
  ];
  return {
    text: editYaml(text, edits),
    review: REVIEW_KEYS.filter((k) => doc.hasIn(k)).map((k) => k.join('.')),
    removed: removed.map((k) => k.join('.')),
  };
}
