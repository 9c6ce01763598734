/** Every API call the UI makes, one function each, named after what it gets or does. */
import { requestEmpty, requestHtml, requestJson } from './http.ts';
import type {
  ApplicationBody,
  CompiledForm,
  Delivery,
  Draft,
  DraftSummary,
  InboxPage,
  InboxSort,
  Notification,
  Licence,
  Reports,
  LoginResult,
  PageOf,
  Quote,
  RegionConfigView,
  RegionDetail,
  RegionListItem,
  User,
} from './types.ts';

const seg = encodeURIComponent;

/** Query string of the given parameters, leaving out empty ones. */
function queryOf(params: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
}

export const login = (loginName: string, password: string) =>
  requestJson<LoginResult>('/api/auth/login', { body: { login: loginName, password } });

export const me = (token: string) => requestJson<{ user: User }>('/api/auth/me', { token });

/** A fresh token of the same session, while the current one is valid. */
export const refreshToken = (token: string) => requestJson<LoginResult>('/api/auth/refresh', { method: 'POST', token });

/** Ends the session on the server: its tokens stop working everywhere. */
export const logout = (token: string) => requestEmpty('/api/auth/logout', { method: 'POST', token });

export const listRegions = () => requestJson<{ regions: RegionListItem[] }>('/api/regions');

export const getRegion = (region: string) => requestJson<RegionDetail>(`/api/regions/${seg(region)}`);

export const getRegionConfig = (region: string) => requestJson<RegionConfigView>(`/api/regions/${seg(region)}/config`);

export const getServiceForm = (region: string, service: string) =>
  requestJson<CompiledForm>(`/api/regions/${seg(region)}/services/${seg(service)}/form`);

export const getForm = (region: string, form: string) => requestJson<CompiledForm>(`/api/regions/${seg(region)}/forms/${seg(form)}`);

export const getQuote = (region: string, service: string, submission: unknown, signal?: AbortSignal) =>
  requestJson<Quote>(`/api/regions/${seg(region)}/services/${seg(service)}/quote`, { body: { submission }, signal });

export const submitApplication = (region: string, service: string, submission: unknown, token: string, draft?: string) =>
  requestJson<ApplicationBody>(`/api/regions/${seg(region)}/services/${seg(service)}/applications`, { body: { submission, ...(draft && { draft }) }, token });

export const getDrafts = (region: string, token: string) => requestJson<{ items: DraftSummary[]; keptDays: number }>(`/api/regions/${seg(region)}/drafts`, { token });

export const getDraft = (id: string, token: string) => requestJson<Draft>(`/api/drafts/${seg(id)}`, { token });

export const createDraft = (region: string, service: string, data: unknown, token: string, keepalive = false) =>
  requestJson<Draft>(`/api/regions/${seg(region)}/services/${seg(service)}/drafts`, { body: { data }, token, keepalive });

export const saveDraft = (id: string, data: unknown, version: number, token: string, keepalive = false) =>
  requestJson<Draft>(`/api/drafts/${seg(id)}`, { method: 'PUT', body: { data, version }, token, keepalive });

export const deleteDraft = (id: string, token: string) => requestEmpty(`/api/drafts/${seg(id)}`, { method: 'DELETE', token });

/** The upload address of a file field of a service's application form. */
export const applicationUploadUrl = (region: string, service: string) => (field: string) =>
  `/api/regions/${seg(region)}/services/${seg(service)}/uploads?field=${seg(field)}`;

/** The upload address of a file field of an action's task form on an application. */
export const eventUploadUrl = (id: string, event: string) => (field: string) => `/api/applications/${seg(id)}/uploads?event=${seg(event)}&field=${seg(field)}`;

export const getApplication = (id: string, token: string) => requestJson<ApplicationBody>(`/api/applications/${seg(id)}`, { token });

export const sendEvent = (id: string, event: string, payload: unknown, version: number, token: string) =>
  requestJson<ApplicationBody>(`/api/applications/${seg(id)}/events`, { body: { event, payload, version }, token });

export interface InboxFilter {
  readonly view: 'role' | 'mine' | 'all';
  readonly q?: string;
  readonly sort: InboxSort;
  readonly dir: 'asc' | 'desc';
  readonly state?: string;
  readonly service?: string;
  readonly overdue?: boolean;
  readonly final?: boolean;
  readonly limit: number;
  readonly offset: number;
}

export const getInbox = (region: string, filter: InboxFilter, token: string) =>
  requestJson<InboxPage>(`/api/regions/${seg(region)}/inbox${queryOf({ ...filter, overdue: filter.overdue || undefined })}`, { token });

export const changeAssignment = (id: string, action: 'take' | 'release' | 'assign', version: number, token: string, assignee?: string) =>
  requestJson<ApplicationBody>(`/api/applications/${seg(id)}/assignment`, { body: { action, version, ...(assignee ? { assignee } : {}) }, token });

export const getAssignees = (region: string, token: string) =>
  requestJson<{ items: { userId: string; name: string }[] }>(`/api/regions/${seg(region)}/assignees`, { token });

export const getReports = (region: string, token: string) => requestJson<Reports>(`/api/regions/${seg(region)}/reports`, { token });

/** Address of the region's live event stream (server-sent events; see live/useRegionEvents.ts). */
export const regionEventsUrl = (region: string) => `/api/regions/${seg(region)}/events`;

export const getMyApplications = (region: string, offset: number, limit: number, token: string) =>
  requestJson<PageOf<ApplicationBody>>(`/api/regions/${seg(region)}/my-applications${queryOf({ limit, offset })}`, { token });

export const searchRegistry = (region: string, params: Readonly<Record<string, string>>) =>
  requestJson<PageOf<Licence>>(`/api/regions/${seg(region)}/registry${queryOf(params)}`);

export const getLicence = (region: string, number: string) => requestJson<Licence>(`/api/regions/${seg(region)}/registry/${seg(number)}`);

/** Address of a licence's registry extract (public HTML: opened as a plain link). */
export const licenceExtractUrl = (region: string, number: string) => `/api/regions/${seg(region)}/registry/${seg(number)}/extract`;

export const getDocumentHtml = (id: string, token: string) => requestHtml(`/api/documents/${seg(id)}`, { token });

export const getNotifications = (token: string, limit = 50) => requestJson<{ unread: number; items: Notification[] }>(`/api/notifications${queryOf({ limit })}`, { token });

export const markNotificationsRead = (token: string, ids: readonly string[] | 'all') =>
  requestEmpty('/api/notifications/read', { body: ids === 'all' ? { all: true } : { ids }, token });

export const getDeliveries = (id: string, token: string) => requestJson<{ items: Delivery[] }>(`/api/applications/${seg(id)}/deliveries`, { token });

export const completePaperDelivery = (id: string, delivery: string, token: string) =>
  requestJson<Delivery>(`/api/applications/${seg(id)}/deliveries/${seg(delivery)}/done`, { method: 'POST', token });

export const getPaperDeliveries = (region: string, token: string) => requestJson<{ items: Delivery[] }>(`/api/regions/${seg(region)}/paper-deliveries`, { token });
