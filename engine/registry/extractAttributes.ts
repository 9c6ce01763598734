import type { RegistryFile } from '../../config/types/generated.ts';
import { valueAtPath } from './valueAtPath.ts';

/** What registry paths read from: `submission.*` is the application form, `data.*` the officers' event data. */
export interface AttributeSource {
  readonly submission: unknown;
  readonly data: unknown;
}

/**
 * The registry entry's attributes, read from the application by each attribute's `from` path (registry.yaml).
 * An attribute whose path finds nothing is left out rather than stored as undefined.
 */
export function extractAttributes(registry: RegistryFile, source: AttributeSource): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const attribute of registry.attributes) {
    const value = valueAtPath(source, attribute.from);
    if (value !== undefined) attributes[attribute.id] = value;
  }
  return attributes;
}
