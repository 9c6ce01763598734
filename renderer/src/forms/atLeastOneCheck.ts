/**
 * rjsf custom validation: a section marked `x-atLeastOne` (from `atLeastOne:` in the form's YAML) needs at
 * least one of the fields it names filled in, as the server checks (engine/forms/atLeastOne.ts).
 */
import type { FormValidation } from '@rjsf/utils';
import { atLeastOneMessage, isFilled } from '../../../engine/forms/atLeastOne.ts';

type Json = Record<string, unknown>;

export function atLeastOneCheck(schema: Json) {
  const sections = Object.entries((schema.properties ?? {}) as Record<string, Json>).filter(([, s]) => Array.isArray(s['x-atLeastOne']));
  return (data: unknown, errors: FormValidation): FormValidation => {
    if (data === null || typeof data !== 'object') return errors;
    for (const [id, section] of sections) {
      const value = (data as Json)[id];
      if (value === null || typeof value !== 'object') continue;
      const fields = section['x-atLeastOne'] as string[];
      if (fields.some((f) => isFilled((value as Json)[f]))) continue;
      const properties = (section.properties ?? {}) as Record<string, Json>;
      const titles = fields.map((f) => String(properties[f]?.title ?? f));
      (errors as unknown as Record<string, FormValidation>)[id]?.addError(atLeastOneMessage(String(section.title ?? id), titles));
    }
    return errors;
  };
}
