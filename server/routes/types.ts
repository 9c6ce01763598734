/**
 * The route table's entry type. Every API route is one `RouteDef`; the express router and the
 * OpenAPI document are both built from the same list (server/routes/index.ts), so they cannot drift.
 */
import type { Request, Response } from 'express';
import type { Actor, RegionConfig } from '../../engine/api.ts';
import type { ServiceFile } from '../../config/types/generated.ts';
import type { AppDeps } from '../context.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import type { User } from '../auth/users.ts';

/** Mount point of every route path. */
export const API_PREFIX = '/api';

/** A JSON Schema (2020-12, the dialect OpenAPI 3.1 uses). */
export type JsonSchema = Record<string, unknown>;

/**
 * Who may call a route, before any per-application check the engine makes:
 * - `public`: anyone, no token;
 * - `user`: any signed-in user (the engine then checks region, ownership and event roles);
 * - `applicant`: a user holding a role that files applications in the region of the URL;
 * - `staff`: a user holding an inbox role (roles.yaml `inbox: true`) in the region of the URL;
 * - `auditor`: a user holding a role that reads the read audit (roles.yaml `audit: true`) in the region of the URL.
 */
export type Access = 'public' | 'user' | 'applicant' | 'staff' | 'auditor';

export interface ResponseSpec {
  readonly description: string;
  /** Defaults to application/json. */
  readonly contentType?: 'application/json' | 'text/html' | 'text/event-stream';
  readonly schema?: JsonSchema;
}

/** What a handler gets: the dependencies plus the request already authenticated and validated. */
export interface RouteContext {
  readonly deps: AppDeps;
  readonly req: Request;
  readonly res: Response;
  /** The signed-in user, or null on a public route called without a token. */
  readonly user: User | null;
  /** The session the token belongs to (with the user), or null. */
  readonly session: TokenClaims | null;
  readonly actor: Actor | null;
  readonly params: Readonly<Record<string, string>>;
  /** The region named by `:region` in the path (checked to exist), else null. */
  readonly region: RegionConfig | null;
  /** The service named by `:service` in the path (checked to exist in the region), else null. */
  readonly service: ServiceFile | null;
  /** The query string, coerced and checked against `query`. */
  readonly query: Readonly<Record<string, unknown>>;
  /** The JSON body, checked against `body`. */
  readonly body: unknown;
}

export interface RouteDef {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** Express path below /api, with `:name` parameters. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly access: Access;
  /** Path parameter name -> description. */
  readonly params?: Readonly<Record<string, string>>;
  /** Schema of the query object (values arrive as strings and are coerced). */
  readonly query?: JsonSchema;
  /** Schema of the JSON body; a route with a body accepts application/json only. */
  readonly body?: JsonSchema;
  /** Schema of a multipart/form-data body the handler streams itself (documented only; never parsed here). */
  readonly multipart?: JsonSchema;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** Takes an `Idempotency-Key` header (the handler keeps it with its write: server/http/idempotency.ts). */
  readonly idempotent?: true;
  /** Sends the response itself (JSON, HTML or 304); thrown errors go to the error handler. */
  readonly handle: (ctx: RouteContext) => Promise<void> | void;
}

/** Keeps the literal types of a route module's list while checking each entry. */
export const defineRoutes = (routes: readonly RouteDef[]): readonly RouteDef[] => routes;
