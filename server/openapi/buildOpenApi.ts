/**
 * Builds the OpenAPI 3.1 document from the route table: paths, parameters, request bodies, responses
 * and who may call each operation (`x-access`, plus the bearer security requirement).
 */
import { API_PREFIX, type JsonSchema, type RouteDef } from '../routes/types.ts';
import { components } from './schemas.ts';

/** "/regions/:region" -> "/regions/{region}" */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const ACCESS_TEXT: Record<RouteDef['access'], string> = {
  public: 'Anyone; no token needed.',
  user: 'Any signed-in user; the engine then checks region, ownership and the roles the procedure names.',
  applicant: "A user holding a role that files this service's applications in the region of the path.",
  staff: 'A user holding an inbox role (roles.yaml `inbox: true`) of the region of the path.',
  auditor: 'A user holding a role that reads the read audit (roles.yaml `audit: true`) of the region of the path.',
};

function queryParameters(schema: JsonSchema | undefined): unknown[] {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const params: unknown[] = Object.entries(properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object') {
    // Free-form parameters (e.g. registry attributes): one exploded object parameter.
    params.push({ name: 'attributes', in: 'query', style: 'form', explode: true, description: 'Further parameters by name', schema: { type: 'object', additionalProperties: extra } });
  }
  return params;
}

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'A key of your choice (1–255 visible ASCII characters, e.g. a UUID) that makes a repeat of this request safe: within 24 hours the same key with the same request gets the first response again (header Idempotent-Replayed: true) and writes nothing; with another request it is a 422.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
};

function operation(route: RouteDef): Record<string, unknown> {
  const params: unknown[] = Object.entries(route.params ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } }));
  if (route.idempotent) params.push(IDEMPOTENCY_HEADER);
  const responses = Object.fromEntries(
    Object.entries(route.responses).map(([status, spec]) => [
      status,
      {
        description: spec.description,
        ...(spec.schema || spec.contentType === 'text/html'
          ? { content: { [spec.contentType ?? 'application/json']: { schema: spec.schema ?? { type: 'string' } } } }
          : {}),
      },
    ]),
  );
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [route.description, `Access: ${ACCESS_TEXT[route.access]}`].filter(Boolean).join('\n\n'),
    tags: [route.tag],
    'x-access': route.access,
    ...(route.access === 'public' ? { security: [] } : { security: [{ bearerAuth: [] }] }),
    parameters: [...params, ...queryParameters(route.query)],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    ...(route.multipart ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: route.multipart } } } } : {}),
    responses,
  };
}

export function buildOpenApi(routes: readonly RouteDef[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const p = openApiPath(API_PREFIX + route.path);
    (paths[p] ??= {})[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'reglament API',
      version: '1',
      description: 'Administrative regulations as YAML, run as services: catalogue, applications, staff inbox, licence registry. Errors are JSON `{ error, errors?, requestId }`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Token from POST /api/auth/login' } },
      schemas: components,
    },
  };
}
