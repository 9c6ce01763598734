/**
 * Compiled forms for react-jsonschema-form. They change only with the config, so each is serialised
 * once per config version and served with a strong ETag (304 when the client has it).
 */
import type { RegionConfig } from '../../engine/api.ts';
import type { AppDeps } from '../context.ts';
import { cachedJson, sendCachedJson, type CachedJson } from '../http/etag.ts';
import { HttpError } from '../http/HttpError.ts';
import { errors, ref } from '../openapi/schemas.ts';
import { REGION, SERVICE } from './params.ts';
import { defineRoutes } from './types.ts';

// Clients must revalidate (cheap: 304) so a restarted server with a new config is seen at once.
const CACHE_CONTROL = 'public, no-cache';

function compiled(deps: AppDeps, config: RegionConfig, formId: string): CachedJson {
  const key = `${config.id}@${config.version}/${formId}`;
  let entry = deps.formCache.get(key);
  if (!entry) {
    const form = deps.engine.compiledForm(config.id, formId);
    entry = cachedJson({ id: form.id, title: form.title, schema: form.schema, uiSchema: form.uiSchema, rules: form.rules, conditions: form.conditions });
    deps.formCache.set(key, entry);
  }
  return entry;
}

const formResponses = {
  200: { description: 'The compiled form (ETag, Cache-Control)', schema: ref('CompiledForm') },
  304: { description: 'Not modified (If-None-Match matched the ETag)' },
  ...errors(404),
};

export const formRoutes = defineRoutes([
  {
    method: 'get',
    path: '/regions/:region/services/:service/form',
    operationId: 'getServiceForm',
    summary: "A service's application form: JSON Schema, uiSchema, and the rules that show or hide its parts",
    tag: 'catalogue',
    access: 'public',
    params: SERVICE,
    responses: formResponses,
    handle({ deps, req, res, region, service }) {
      sendCachedJson(req, res, compiled(deps, region!, service!.form), CACHE_CONTROL);
    },
  },
  {
    method: 'get',
    path: '/regions/:region/forms/:form',
    operationId: 'getForm',
    summary: "Any form of the region by id, e.g. the task form an event's payload follows (allowedEvents[].payloadForm)",
    tag: 'catalogue',
    access: 'public',
    params: { ...REGION, form: 'Form id (forms/<id>.yaml)' },
    responses: formResponses,
    handle({ deps, req, res, region, params }) {
      if (!Object.hasOwn(region!.forms, params.form)) throw new HttpError(404, `В регионе ${region!.id} нет формы ${params.form}`);
      sendCachedJson(req, res, compiled(deps, region!, params.form), CACHE_CONTROL);
    },
  },
]);
