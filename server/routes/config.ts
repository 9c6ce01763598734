/**
 * The region's configuration as read-only data for the coordinator view: services, forms (titles; the
 * compiled forms are GET .../forms/:form), fees with their dated values, exemptions, deadlines,
 * procedures (states, events, transitions: the browser draws the diagram from them), rules, refusal
 * grounds, the registry and the document templates (titles only). Everything in it is the published
 * regulation in machine form and carries no personal data, so it is public like the forms and fees.
 * The body changes only with the config version: strong ETag, 304 when the client has it.
 */
import type { RegionConfig } from '../../engine/api.ts';
import { cachedJson, sendCachedJson, type CachedJson } from '../http/etag.ts';
import { errors } from '../openapi/schemas.ts';
import { REGION } from './params.ts';
import { defineRoutes } from './types.ts';

const byVersion = new Map<string, CachedJson>();

/** What the coordinator view shows of a loaded region (no file contents, no template sources, no folder paths). */
export function regionConfigView(config: RegionConfig) {
  const r = config.region;
  return {
    id: config.id,
    title: r.title,
    version: config.version,
    authority: r.authority,
    regulation: r.regulation,
    roles: Object.values(config.roles),
    services: r.services.flatMap((id) => (config.services[id] ? [config.services[id]] : [])),
    forms: Object.values(config.forms).map((f) => ({ id: f.id, title: f.title, clause: f.clause ?? null })),
    procedures: Object.values(config.procedures),
    fees: Object.values(config.fees),
    exemptions: Object.values(config.exemptions),
    deadlines: Object.values(config.deadlines),
    rules: Object.values(config.rules),
    refusals: Object.values(config.refusals),
    registry: config.registry ?? null,
    templates: Object.values(config.templates).map((t) => ({ id: t.id, title: t.title, clause: t.clause ?? null })),
  };
}

export const configRoutes = defineRoutes([
  {
    method: 'get',
    path: '/regions/:region/config',
    operationId: 'getRegionConfig',
    summary: "The region's configuration, read-only: services, forms, fees with dates, deadlines, procedures, rules, grounds, registry",
    tag: 'catalogue',
    access: 'public',
    params: REGION,
    responses: {
      200: { description: 'The configuration (ETag, Cache-Control)', schema: { type: 'object' } },
      304: { description: 'Not modified (If-None-Match matched the ETag)' },
      ...errors(404),
    },
    handle({ req, res, region }) {
      const key = `${region!.id}@${region!.version}`;
      let entry = byVersion.get(key);
      if (!entry) {
        entry = cachedJson(regionConfigView(region!));
        byVersion.set(key, entry);
      }
      sendCachedJson(req, res, entry, 'public, no-cache');
    },
  },
]);
