/**
 * A section's `atLeastOne`: of the fields it names, at least one must be filled in. JSON Schema could
 * say it only with anyOf, which the form UI would show as a choice of schemas, so the server checks it
 * after ajv and the browser checks it with the same two functions.
 */
import type { FormFile } from '../../config/types/generated.ts';
import type { FieldError } from '../api.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether a value counts as filled in: a list with an item, a non-empty text (or file), a number, true, a group with something filled in. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.values(value).some(isFilled);
  return true;
}

/** The Russian message for a section none of whose `fields` is filled in. */
export function atLeastOneMessage(sectionTitle: string, fieldTitles: readonly string[]): string {
  return `Раздел «${sectionTitle}»: заполните хотя бы одно из полей ${fieldTitles.map((t) => `«${t}»`).join(' или ')}`;
}

/** One error per present section whose `atLeastOne` fields are all empty, at the section's path. */
export function atLeastOneErrors(form: FormFile, data: unknown): FieldError[] {
  if (!isObject(data)) return [];
  const errors: FieldError[] = [];
  for (const section of form.sections) {
    if (!section.atLeastOne || !isObject(data[section.id])) continue;
    const value = data[section.id] as Obj;
    if (section.atLeastOne.some((id) => isFilled(value[id]))) continue;
    const titles = section.atLeastOne.map((id) => section.fields.find((f) => f.id === id)?.title ?? id);
    errors.push({ path: section.id, keyword: 'atLeastOne', message: atLeastOneMessage(section.title, titles) });
  }
  return errors;
}
