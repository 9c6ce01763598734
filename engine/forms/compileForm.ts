import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { CompiledForm } from '../api.ts';
import { NotFoundError, ReglamentError } from '../errors.ts';
import { annotations, compileFields, type CompileContext } from './compileField.ts';

/**
 * Turns forms/<formId>.yaml into a JSON Schema 2020-12 (one object property per section, each an object
 * of its fields, additionalProperties false everywhere), an rjsf uiSchema, and the visibleWhen rules the
 * browser needs: `conditions` maps each conditional section or field path ("section", "section.field",
 * "section.list.*.field") to its rule id, `rules` maps each such rule id to its JSON Logic.
 * Sections without visibleWhen are required; a conditional section is required only while its rule
 * holds, which createFormValidator checks after the schema.
 */
export function compileForm(region: RegionConfig, formId: string): CompiledForm {
  const form = Object.hasOwn(region.forms, formId) ? region.forms[formId] : undefined;
  if (!form) throw new NotFoundError(`form "${formId}" is not defined in region "${region.id}"`);

  const ctx: CompileContext = { region, formId, conditions: {} };
  const properties: Record<string, unknown> = {};
  const uiSchema: Record<string, unknown> = { 'ui:order': form.sections.map((s) => s.id) };
  const required: string[] = [];

  for (const section of form.sections) {
    if (Object.hasOwn(properties, section.id)) throw new ReglamentError(`form "${formId}": section ${section.id} is defined twice`);
    const { schema, ui } = compileFields(section.fields, ctx, section.id);
    properties[section.id] = { ...annotations(section), ...schema, ...(section.atLeastOne && { 'x-atLeastOne': [...section.atLeastOne] }) };
    uiSchema[section.id] = ui;
    if (section.visibleWhen !== undefined) ctx.conditions[section.id] = section.visibleWhen;
    else required.push(section.id);
  }

  const rules: Record<string, unknown> = {};
  for (const ruleId of new Set(Object.values(ctx.conditions))) {
    const rule = Object.hasOwn(region.rules, ruleId) ? region.rules[ruleId] : undefined;
    if (!rule) throw new ReglamentError(`form "${formId}" uses unknown rule "${ruleId}"`);
    rules[ruleId] = rule.when;
  }

  return {
    id: form.id,
    title: form.title,
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      ...annotations(form),
      type: 'object',
      properties,
      ...(required.length > 0 && { required }),
      additionalProperties: false,
    },
    uiSchema,
    rules,
    conditions: ctx.conditions,
  };
}
