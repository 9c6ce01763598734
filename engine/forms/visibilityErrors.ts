import type { Field, FormFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { FieldError } from '../api.ts';
import { evaluateRule } from '../rules/evaluateRule.ts';
import type { RuleData } from '../rules/RuleData.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: Obj, key: string): boolean => Object.hasOwn(o, key) && o[key] !== undefined;

/**
 * Errors from the visibleWhen rules of a form, which JSON Schema alone cannot express: a visible
 * conditional section must be filled in, a visible conditional field must be when it is required, and a
 * hidden section or field must be left out. Fields inside a hidden or absent part are not looked at.
 */
export function visibilityErrors(region: RegionConfig, form: FormFile, data: unknown, ruleData: RuleData): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObject(data)) return errors;
  const holds = (ruleId: string): boolean => evaluateRule(region, ruleId, ruleData);

  const checkFields = (fields: readonly Field[], obj: Obj, base: string): void => {
    for (const field of fields) {
      const path = `${base}.${field.id}`;
      const present = has(obj, field.id);
      if (field.visibleWhen !== undefined) {
        const visible = holds(field.visibleWhen);
        if (visible && field.required && !present) {
          errors.push({ path, keyword: 'required', message: `«${field.title}»: обязательное поле` });
        }
        if (!visible) {
          if (present) errors.push({ path, keyword: 'visibleWhen', message: `«${field.title}»: это поле в вашем случае не заполняется` });
          continue;
        }
      }
      if (!present || !field.fields) continue;
      const value = obj[field.id];
      if (field.type === 'group' && isObject(value)) checkFields(field.fields, value, path);
      if (field.type === 'list' && Array.isArray(value)) {
        value.forEach((item, i) => {
          if (isObject(item)) checkFields(field.fields!, item, `${path}.${i}`);
        });
      }
    }
  };

  for (const section of form.sections) {
    const present = has(data, section.id);
    if (section.visibleWhen !== undefined) {
      const visible = holds(section.visibleWhen);
      if (visible && !present) {
        errors.push({ path: section.id, keyword: 'required', message: `Заполните раздел «${section.title}»` });
      }
      if (!visible) {
        if (present) {
          errors.push({ path: section.id, keyword: 'visibleWhen', message: `Раздел «${section.title}» в вашем случае не заполняется` });
        }
        continue;
      }
    }
    const value = data[section.id];
    if (present && isObject(value)) checkFields(section.fields, value, section.id);
  }
  return errors;
}
