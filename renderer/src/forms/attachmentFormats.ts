/**
 * rjsf custom validation: an attached file must have one of the extensions its field allows
 * (`x-formats` in the compiled schema, from `formats:` in the form's YAML), as the server checks.
 */
import type { FormValidation } from '@rjsf/utils';
import { parseDataUrl } from '../../../engine/forms/dataUrl.ts';

type Json = Record<string, unknown>;

function check(schema: Json | undefined, data: unknown, errors: FormValidation | undefined): void {
  if (!schema || !errors || data === undefined || data === null) return;
  if (typeof data === 'string' && Array.isArray(schema['x-formats'])) {
    const allowed = schema['x-formats'] as string[];
    const info = parseDataUrl(data);
    if (info && (!info.extension || !allowed.includes(info.extension))) {
      errors.addError(`Допустимые форматы файла: ${allowed.join(', ')}`);
    }
    return;
  }
  if (Array.isArray(data)) {
    data.forEach((item, i) => check(schema.items as Json | undefined, item, (errors as unknown as FormValidation[])[i]));
    return;
  }
  if (typeof data === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    for (const [key, value] of Object.entries(data as Json)) {
      if (Object.hasOwn(properties, key)) check(properties[key], value, (errors as Record<string, FormValidation>)[key]);
    }
  }
}

/** Builds the `customValidate` prop for a schema. */
export function attachmentFormats(schema: Json) {
  return (data: unknown, errors: FormValidation): FormValidation => {
    check(schema, data, errors);
    return errors;
  };
}
