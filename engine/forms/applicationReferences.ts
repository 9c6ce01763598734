/**
 * Fields of type `application`: a form names another application of the region by its id (a complaint
 * names the case it is about; a check names the cases it covered). JSON Schema checks only that the
 * value is text; whether the application exists, is in the region, belongs to the filer when the field's
 * scope is "own", and is of an allowed service needs the store, so the engine asks after validation.
 * The answer never tells an applicant whether someone else's application exists.
 */
import type { Field, FormFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ApplicationRecord, FieldError, IsoDate, Store } from '../api.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
type Lookup = (id: string) => Promise<ApplicationRecord | undefined>;

/** Whether a form has any field of type application (only then is the store asked). */
export function namesApplications(form: FormFile | undefined): boolean {
  const any = (fields: readonly Field[]): boolean => fields.some((f) => f.type === 'application' || (f.fields !== undefined && any(f.fields)));
  return form !== undefined && form.sections.some((s) => any(s.fields));
}

/** Every application id a form's data names, with the field and its dotted path in the data. */
function namedApplications(form: FormFile, data: unknown): { path: string; field: Field; id: string }[] {
  const out: { path: string; field: Field; id: string }[] = [];
  const visit = (fields: readonly Field[], value: unknown, base: string) => {
    if (!isObject(value)) return;
    for (const field of fields) {
      if (!Object.hasOwn(value, field.id)) continue;
      const inner = value[field.id];
      const path = `${base}.${field.id}`;
      if (field.type === 'application' && typeof inner === 'string') out.push({ path, field, id: inner });
      else if (field.type === 'group' && field.fields) visit(field.fields, inner, path);
      else if (field.type === 'list' && field.fields && Array.isArray(inner)) inner.forEach((item, i) => visit(field.fields!, item, `${path}.${i}`));
    }
  };
  if (isObject(data)) for (const section of form.sections) visit(section.fields, data[section.id], section.id);
  return out;
}

/**
 * One error per named application the filer may not name: unknown, of another region, of a service the
 * field does not allow, or (scope "own") filed by someone else.
 */
export async function applicationReferenceErrors(region: RegionConfig, formId: string, data: unknown, filer: { readonly userId: string }, lookup: Lookup): Promise<FieldError[]> {
  const form = region.forms[formId];
  if (!form) return [];
  const errors: FieldError[] = [];
  for (const { path, field, id } of namedApplications(form, data)) {
    const app = await lookup(id);
    const own = (field.scope ?? 'own') === 'own';
    const fits = app !== undefined && app.region === region.id && (!own || app.applicantId === filer.userId) && (field.services === undefined || field.services.includes(app.service));
    if (!fits) {
      errors.push({ path, keyword: 'application', message: `«${field.title}»: заявление ${id} не найдено ${own ? 'среди ваших заявлений' : 'среди заявлений региона'}${field.services ? ' по этой услуге' : ''}` });
    }
  }
  return errors;
}

/** What a document may print of an application a form names. */
export interface ApplicationSummary {
  readonly id: string;
  readonly number: string;
  readonly service: { readonly id: string; readonly title: string };
  readonly registeredOn: IsoDate;
  readonly state: string;
  readonly outcome: string | null;
  readonly milestones: Readonly<Record<string, IsoDate>>;
}

/**
 * The applications a form's data names, as summaries placed at the same paths as in the data (e.g.
 * `{ subject: { application: { number, service: { title } } } }`), for the documents to print. A name
 * that no longer resolves is left out.
 */
export async function namedApplicationSummaries(region: RegionConfig, formId: string, data: unknown, lookup: Lookup): Promise<Obj> {
  const form = region.forms[formId];
  const out: Obj = {};
  if (!form) return out;
  for (const { path, id } of namedApplications(form, data)) {
    const app = await lookup(id);
    if (!app || app.region !== region.id) continue;
    const summary: ApplicationSummary = {
      id: app.id,
      number: app.number,
      service: { id: app.service, title: region.services[app.service]?.title ?? app.service },
      registeredOn: app.registeredOn,
      state: app.state,
      outcome: app.outcome,
      milestones: app.milestones,
    };
    setAt(out, path.split('.'), summary);
  }
  return out;
}

function setAt(target: Obj, segments: readonly string[], value: unknown): void {
  let node = target;
  segments.slice(0, -1).forEach((segment, i) => {
    const next = segments[i + 1]!;
    if (!isObject(node[segment]) && !Array.isArray(node[segment])) node[segment] = /^\d+$/.test(next) ? [] : {};
    node = node[segment] as Obj;
  });
  node[segments[segments.length - 1]!] = value;
}

/**
 * The applications a filing's form names, as they are at filing (ApplicationRecord.references), each
 * with `earlier`: how many applications of the same service the same filer filed before that name the
 * same application at the same path. A filer's earlier filings are few, so they are read one by one.
 */
export async function filingReferences(
  region: RegionConfig,
  serviceId: string,
  submission: unknown,
  filer: { readonly userId: string },
  store: Pick<Store, 'getApplication' | 'listApplications'>,
): Promise<Obj> {
  const service = region.services[serviceId];
  const form = service ? region.forms[service.form] : undefined;
  if (!service || !form) return {};
  const named = namedApplications(form, submission);
  if (named.length === 0) return {};
  const earlierFilings: ApplicationRecord[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await store.listApplications({ region: region.id, service: serviceId, applicantId: filer.userId, limit: 100, offset });
    for (const item of page.items) {
      const app = await store.getApplication(item.id);
      if (app) earlierFilings.push(app);
    }
    if (page.items.length < 100) break;
  }
  const out: Obj = {};
  for (const { path, id } of named) {
    const app = await store.getApplication(id);
    if (!app) continue;
    const segments = path.split('.');
    const earlier = earlierFilings.filter((other) => valueAt(other.submission, segments) === id).length;
    setAt(out, segments, {
      id: app.id,
      number: app.number,
      service: { id: app.service, title: region.services[app.service]?.title ?? app.service },
      registeredOn: app.registeredOn,
      outcome: app.outcome,
      earlier,
    });
  }
  return out;
}

function valueAt(data: unknown, segments: readonly string[]): unknown {
  let node = data;
  for (const segment of segments) node = (isObject(node) || Array.isArray(node)) && Object.hasOwn(node, segment) ? (node as Obj)[segment] : undefined;
  return node;
}
