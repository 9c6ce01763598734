import type { Field } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { ReglamentError } from '../errors.ts';
import { ATTACHMENT, ATTACHMENT_REF_SCHEMA, DEFAULT_MAX_FILE_MB, DEFAULT_MAX_FILES, type AttachmentLimits } from './attachments.ts';

type Json = Record<string, unknown>;

/** What compiling a form needs to carry down through sections, groups and lists. */
export interface CompileContext {
  readonly region: RegionConfig;
  readonly formId: string;
  /** Path -> rule id of every visibleWhen met so far (filled in while compiling). */
  readonly conditions: Record<string, string>;
}

const DEFAULT_MAX_LENGTH = { string: 1000, text: 10000 } as const;
const DEFAULT_MAX_ITEMS = 100;
/** Marks a required field that has a visibleWhen: required exactly while it is shown. */
export const REQUIRED_WHEN_SHOWN = 'x-requiredWhenShown';
const IDENTIFIER_TYPES = new Set(['inn', 'ogrn', 'ogrnip', 'snils', 'phone', 'email']);

/** Title, description, clause and the `internal` mark (the applicant never receives the data), carried over to a schema node. */
export function annotations(item: { title: string; description?: string; clause?: string; internal?: boolean }): Json {
  return {
    title: item.title,
    ...(item.description !== undefined && { description: item.description }),
    ...(item.clause !== undefined && { 'x-clause': item.clause }),
    ...(item.internal === true && { 'x-internal': true }),
  };
}

/** enum plus oneOf const/title pairs: ajv checks the enum, rjsf reads the titles (ui:enumNames too). */
function choices(values: readonly { value: string; title: string }[], where: string): { schema: Json; names: Json } {
  const seen = new Set<string>();
  for (const { value } of values) {
    if (seen.has(value)) throw new ReglamentError(`${where}: option "${value}" is listed twice`);
    seen.add(value);
  }
  return {
    schema: {
      type: 'string',
      enum: values.map((o) => o.value),
      oneOf: values.map((o) => ({ const: o.value, title: o.title })),
    },
    names: Object.fromEntries(values.map((o) => [o.value, o.title])),
  };
}

/**
 * An object schema (and its uiSchema) for a list of fields: one property per field, `required` for
 * required fields that have no visibleWhen (a conditional field's presence is checked against its rule
 * after ajv; its schema carries x-requiredWhenShown), additionalProperties false.
 */
export function compileFields(fields: readonly Field[], ctx: CompileContext, base: string): { schema: Json; ui: Json } {
  const properties: Json = {};
  const ui: Json = { 'ui:order': fields.map((f) => f.id) };
  const required: string[] = [];
  for (const field of fields) {
    const path = `${base}.${field.id}`;
    if (Object.hasOwn(properties, field.id)) throw new ReglamentError(`form "${ctx.formId}": field ${path} is defined twice`);
    const compiled = compileField(field, ctx, path);
    if (Object.keys(compiled.ui).length > 0) ui[field.id] = compiled.ui;
    if (field.visibleWhen !== undefined) {
      ctx.conditions[path] = field.visibleWhen;
      // The browser adds it to `required` while its rule holds, as the server then requires it.
      if (field.required) compiled.schema[REQUIRED_WHEN_SHOWN] = true;
    } else if (field.required) required.push(field.id);
    properties[field.id] = compiled.schema;
  }
  return {
    schema: { type: 'object', properties, ...(required.length > 0 && { required }), additionalProperties: false },
    ui,
  };
}

/**
 * The JSON Schema and uiSchema of one field. `path` is its dotted path in the data ("*" stands for any
 * item of a list), used in config-error messages and for the conditions of nested fields.
 */
export function compileField(field: Field, ctx: CompileContext, path: string): { schema: Json; ui: Json } {
  const where = `form "${ctx.formId}", field ${path}`;
  const ui: Json = {};
  if (field.description !== undefined) ui['ui:help'] = field.description;
  let schema: Json;

  switch (field.type) {
    case 'string':
    case 'text': {
      schema = { type: 'string', maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH[field.type] };
      // A required text must not be empty either ("" passes `required`).
      const minLength = field.minLength ?? (field.required ? 1 : undefined);
      if (minLength !== undefined) schema.minLength = minLength;
      if (field.pattern !== undefined) schema.pattern = field.pattern;
      if (field.type === 'text') ui['ui:widget'] = 'textarea';
      break;
    }
    case 'integer':
    case 'number':
      schema = { type: field.type };
      if (field.minimum !== undefined) schema.minimum = field.minimum;
      if (field.maximum !== undefined) schema.maximum = field.maximum;
      break;
    case 'boolean':
      schema = { type: 'boolean' };
      break;
    case 'date':
      schema = { type: 'string', format: 'date' };
      break;
    case 'enum':
    case 'multiEnum': {
      if (!field.options) throw new ReglamentError(`${where}: ${field.type} needs options`);
      const { schema: item, names } = choices(field.options, where);
      ui['ui:enumNames'] = names;
      if (field.type === 'enum') {
        schema = item;
      } else {
        // The items carry the field's title so an error on one chosen value still names the field.
        schema = { type: 'array', items: { title: field.title, ...item }, uniqueItems: true };
        if (field.minItems !== undefined) schema.minItems = field.minItems;
        if (field.maxItems !== undefined) schema.maxItems = field.maxItems;
        ui['ui:widget'] = 'checkboxes';
      }
      break;
    }
    case 'file': {
      // A list of references to uploads (engine/forms/attachments.ts), at least one when required.
      const limits: AttachmentLimits = {
        formats: field.formats ? [...field.formats] : null,
        maxFileSizeMb: field.maxFileSizeMb ?? DEFAULT_MAX_FILE_MB,
        maxFiles: field.maxFiles ?? DEFAULT_MAX_FILES,
      };
      schema = { type: 'array', items: ATTACHMENT_REF_SCHEMA, maxItems: limits.maxFiles, [ATTACHMENT]: limits };
      if (field.required) schema.minItems = 1;
      ui['ui:widget'] = 'attachments';
      ui['ui:options'] = { ...limits, ...(field.formats && { accept: field.formats.map((f) => `.${f}`).join(',') }) };
      break;
    }
    case 'group':
    case 'list': {
      if (!field.fields) throw new ReglamentError(`${where}: ${field.type} needs fields`);
      const inner = compileFields(field.fields, ctx, field.type === 'list' ? `${path}.*` : path);
      if (field.type === 'group') {
        schema = inner.schema;
        Object.assign(ui, inner.ui);
      } else {
        schema = { type: 'array', items: inner.schema, maxItems: field.maxItems ?? DEFAULT_MAX_ITEMS };
        if (field.minItems !== undefined) schema.minItems = field.minItems;
        ui.items = inner.ui;
      }
      break;
    }
    case 'grounds': {
      const group = field.group !== undefined && Object.hasOwn(ctx.region.refusals, field.group) ? ctx.region.refusals[field.group] : undefined;
      if (!group) throw new ReglamentError(`${where}: unknown refusal group "${field.group ?? ''}"`);
      const { schema: item, names } = choices(group.grounds.map((g) => ({ value: g.id, title: g.title })), where);
      schema = { type: 'array', items: { title: field.title, ...item }, uniqueItems: true, minItems: Math.max(1, field.minItems ?? 1) };
      ui['ui:enumNames'] = names;
      ui['ui:widget'] = 'checkboxes';
      break;
    }
    case 'application':
      // An id; the server looks it up (applicationReferenceErrors), the browser offers the user's choices.
      schema = { type: 'string', minLength: 1, maxLength: 200, 'x-application': { scope: field.scope ?? 'own', ...(field.services && { services: [...field.services] }) } };
      ui['ui:widget'] = 'application';
      break;
    default:
      if (!IDENTIFIER_TYPES.has(field.type)) throw new ReglamentError(`${where}: unknown field type "${field.type as string}"`);
      schema = { type: 'string', format: field.type };
  }

  if (field.const !== undefined) schema.const = field.const;
  return { schema: { ...annotations(field), ...schema }, ui };
}
