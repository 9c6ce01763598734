/** The API's route table: the one list the router (createApp) and the OpenAPI document are built from. */
import { applicationRoutes } from './applications.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { configRoutes } from './config.ts';
import { documentRoutes } from './documents.ts';
import { draftRoutes } from './drafts.ts';
import { formRoutes } from './forms.ts';
import { assignmentRoutes } from './assignment.ts';
import { inboxRoutes } from './inbox.ts';
import { notificationRoutes } from './notifications.ts';
import { liveRoutes } from './live.ts';
import { openapiRoutes } from './openapi.ts';
import { quoteRoutes } from './quotes.ts';
import { regionRoutes } from './regions.ts';
import { registryRoutes } from './registry.ts';
import { reportRoutes } from './reports.ts';
import type { RouteDef } from './types.ts';
import { uploadRoutes } from './uploads.ts';

export { API_PREFIX } from './types.ts';

export const routeTable: readonly RouteDef[] = [
  ...authRoutes,
  ...regionRoutes,
  ...formRoutes,
  ...configRoutes,
  ...quoteRoutes,
  ...applicationRoutes,
  ...uploadRoutes,
  ...draftRoutes,
  ...notificationRoutes,
  ...inboxRoutes,
  ...auditRoutes,
  ...assignmentRoutes,
  ...liveRoutes,
  ...reportRoutes,
  ...registryRoutes,
  ...documentRoutes,
  ...openapiRoutes,
];
