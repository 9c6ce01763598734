/**
 * The public licence registry of a region: search by number, status or any attribute registry.yaml
 * marks searchable; one entry; and its extract rendered with the region's template.
 */
import type { LicenceQuery, RegionConfig } from '../../engine/api.ts';
import { MAX_QUERY_LENGTH } from '../../engine/inbox/searchText.ts';
import { HttpError } from '../http/HttpError.ts';
import { sendDocument } from '../http/security.ts';
import { errors, ref } from '../openapi/schemas.ts';
import { LICENCE, REGION } from './params.ts';
import { defineRoutes } from './types.ts';

const RESERVED = new Set(['q', 'number', 'status', 'limit', 'offset']);

function registryOf(config: RegionConfig) {
  if (!config.registry) throw new HttpError(404, `У региона ${config.id} нет реестра лицензий`);
  return config.registry;
}

/** The one searchable attribute given in the query, if any; unknown or several are a 400. */
function attributeFilter(config: RegionConfig, query: Readonly<Record<string, unknown>>): LicenceQuery['attribute'] {
  const registry = registryOf(config);
  // Only attributes that are both searchable and public: searching by a hidden one would reveal it.
  const searchable = new Set(registry.attributes.filter((a) => a.searchable && a.public !== false).map((a) => a.id));
  const given = Object.keys(query).filter((k) => !RESERVED.has(k));
  const unknown = given.filter((k) => !searchable.has(k));
  if (unknown.length > 0) {
    throw new HttpError(400, `Поиск по ${unknown.join(', ')} невозможен; доступны: number, status${[...searchable].map((s) => `, ${s}`).join('')}`);
  }
  if (given.length > 1) throw new HttpError(400, `Укажите не более одного признака для поиска (получено: ${given.join(', ')})`);
  if (given.length === 0) return undefined;
  const value = query[given[0]];
  if (typeof value !== 'string' || value === '') throw new HttpError(400, `Параметр ${given[0]} должен быть непустой строкой`);
  return { id: given[0], value };
}

export const registryRoutes = defineRoutes([
  {
    method: 'get',
    path: '/regions/:region/registry',
    operationId: 'searchRegistry',
    summary: 'Search the public licence registry; any searchable attribute of registry.yaml is a parameter too (one at a time)',
    tag: 'registry',
    access: 'public',
    params: REGION,
    query: {
      type: 'object',
      properties: {
        q: {
          type: 'string',
          maxLength: MAX_QUERY_LENGTH,
          description: 'Words to find in the licence number or any public searchable attribute (name, ИНН, ОГРН, address): part of a word is enough, case and ё/е do not matter',
        },
        number: { type: 'string', maxLength: 100 },
        status: { enum: ['active', 'terminated'] },
        limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
        offset: { type: 'integer', minimum: 0, default: 0 },
      },
      additionalProperties: { type: 'string', maxLength: 200 },
    },
    responses: { 200: { description: 'A page of licences (public attributes only)', schema: ref('LicencePage') }, ...errors(400, 404) },
    async handle({ deps, res, region, query }) {
      const registry = registryOf(region!);
      const q = query as { q?: string; number?: string; status?: 'active' | 'terminated'; limit: number; offset: number };
      const attribute = attributeFilter(region!, query);
      const page = await deps.engine.searchLicences({
        region: region!.id,
        ...(q.number ? { number: q.number } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(attribute ? { attribute } : {}),
        // Only attributes that are both searchable and public: finding by a hidden one would reveal it.
        ...(q.q ? { text: q.q, textAttributes: registry.attributes.filter((a) => a.searchable && a.public !== false).map((a) => a.id) } : {}),
        limit: q.limit,
        offset: q.offset,
      });
      // The engine answers with the public view of each licence (engine/registry/publicLicence.ts).
      res.json({ items: page.items, total: page.total, limit: q.limit, offset: q.offset });
    },
  },
  {
    method: 'get',
    path: '/regions/:region/registry/:number',
    operationId: 'getLicence',
    summary: 'One registry entry (public attributes only)',
    tag: 'registry',
    access: 'public',
    params: LICENCE,
    responses: { 200: { description: 'The licence', schema: ref('Licence') }, ...errors(404) },
    async handle({ deps, res, region, params }) {
      registryOf(region!);
      res.json(await deps.engine.licence(region!.id, params.number));
    },
  },
  {
    method: 'get',
    path: '/regions/:region/registry/:number/extract',
    operationId: 'getLicenceExtract',
    summary: 'The registry extract of a licence, as an HTML document',
    tag: 'registry',
    access: 'public',
    params: LICENCE,
    responses: { 200: { description: 'The extract', contentType: 'text/html' }, ...errors(404) },
    async handle({ deps, res, region, params }) {
      registryOf(region!);
      sendDocument(res, await deps.engine.licenceExtract(region!.id, params.number));
    },
  },
]);
