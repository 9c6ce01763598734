/**
 * The rjsf validator for compiled forms: ajv in its JSON Schema 2020-12 dialect (the dialect the
 * engine compiles to) with exactly the string formats the server checks, taken from the same
 * browser-safe module (engine/forms/formFormats.ts): ИНН, ОГРН, ОГРНИП, СНИЛС with their checksums,
 * phone, e-mail, date and attachments.
 */
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { CustomValidatorOptionsType } from '@rjsf/validator-ajv8';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { FORM_FORMATS } from '../../../engine/forms/formFormats.ts';

export const formValidator = customizeValidator({
  AjvClass: Ajv2020 as unknown as NonNullable<CustomValidatorOptionsType['AjvClass']>,
  customFormats: { ...FORM_FORMATS },
  // Every format a compiled form uses is in FORM_FORMATS; ajv-formats would only add weight.
  ajvFormatOptions: false,
});
