import { Ajv2020 } from 'ajv/dist/2020.js';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { FieldError } from '../api.ts';
import { ReglamentError } from '../errors.ts';
import type { RuleData } from '../rules/RuleData.ts';
import { atLeastOneErrors } from './atLeastOne.ts';
import { compileForm } from './compileForm.ts';
import { ATTACHMENT } from './attachments.ts';
import { fieldErrors } from './fieldErrors.ts';
import { FORM_FORMATS } from './formFormats.ts';
import { formDataRole } from './formDataRole.ts';
import { hostileInputErrors } from './hostileInputErrors.ts';
import { visibilityErrors } from './visibilityErrors.ts';

/** Checks one form's data; returns every problem found, [] when the data is valid. */
export type FormValidator = (data: unknown, context?: RuleData) => FieldError[];

/** An ajv for compiled forms: strict, all errors, verbose (messages need each error's schema). */
function formAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
  for (const [name, validate] of Object.entries(FORM_FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  ajv.addKeyword({ keyword: 'x-clause', schemaType: 'string' });
  // Who may read the data is decided when it is shown (engine/access/forApplicant.ts), not when it is checked.
  ajv.addKeyword({ keyword: 'x-internal', schemaType: 'boolean' });
  // Checked after ajv (atLeastOneErrors); the browser reads it to check the same.
  ajv.addKeyword({ keyword: 'x-atLeastOne', schemaType: 'array' });
  // Looked up in the store after validation (applicationReferenceErrors); the browser reads it to offer choices.
  ajv.addKeyword({ keyword: 'x-application', schemaType: 'object' });
  // Checked after ajv against the field's rule (visibilityErrors); the browser reads it to mark the field.
  ajv.addKeyword({ keyword: 'x-requiredWhenShown', schemaType: 'boolean' });
  // The limits of a file field: the upload route applies them as the file arrives (attachments.ts).
  ajv.addKeyword({ keyword: ATTACHMENT, schemaType: 'object' });
  return ajv;
}

/**
 * Compiles forms/<formId>.yaml once and returns a validator for its data. It refuses __proto__ /
 * constructor / prototype keys and ill-formed text outright (hostileInputErrors), then runs the JSON
 * Schema (ajv, all errors), then the visibleWhen rules (visibilityErrors) and each section's
 * `atLeastOne` (atLeastOneErrors). Rules read the form's own
 * data as "submission" for an application form or "payload" for a task form (`as` overrides the guess
 * of formDataRole); `context` supplies the other names, e.g. a task form's rule reading submission.* or
 * application.*.
 */
export function createFormValidator(
  region: RegionConfig,
  formId: string,
  options: { as?: 'submission' | 'payload' } = {},
): FormValidator {
  const compiled = compileForm(region, formId);
  const form = region.forms[formId];
  const role = options.as ?? formDataRole(region, formId);
  let validate: ReturnType<Ajv2020['compile']>;
  try {
    validate = formAjv().compile(compiled.schema);
  } catch (e) {
    throw new ReglamentError(`form "${formId}" does not compile: ${(e as Error).message}`);
  }

  return (data, context = {}) => {
    const hostile = hostileInputErrors(data);
    if (hostile.length > 0) return hostile;
    const errors = validate(data) ? [] : fieldErrors(validate.errors ?? [], compiled.title);
    const seen = new Set(errors.map((e) => e.path));
    // A section or field ajv already reported need not be reported again by its rule.
    for (const e of [...visibilityErrors(region, form, data, { ...context, [role]: data }), ...atLeastOneErrors(form, data)]) {
      if (!seen.has(e.path)) errors.push(e);
    }
    return errors;
  };
}
