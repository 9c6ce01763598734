import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ApplicationRecord, DeliveryRecord, IsoDate, LicenceRecord, NotificationRecord, Store, StoredDocument } from '../api.ts';
import { deliveriesFor, isDelivered } from './deliveries.ts';
import { documentContext } from '../documents/documentContext.ts';
import { namedApplicationSummaries, namesApplications } from '../forms/applicationReferences.ts';
import { renderDocument } from '../documents/renderDocument.ts';
import { numberOf } from '../inbox/caseRow.ts';
import { ReglamentError, ValidationError } from '../errors.ts';
import { extractAttributes } from '../registry/extractAttributes.ts';
import { formatLicenceNumber } from '../registry/formatLicenceNumber.ts';
import { publicLicence } from '../registry/publicLicence.ts';
import { valueAtPath } from '../registry/valueAtPath.ts';
import type { Effect } from '../workflow/types.ts';

/** What effects need besides the application: the config it runs on, registry reads, ids and the time. */
export interface EffectEnvironment {
  readonly region: RegionConfig;
  /** getApplication resolves the applications a form names (documents print them); without it they are not printed. */
  readonly store: Pick<Store, 'nextLicenceSeq' | 'getLicence'> & Partial<Pick<Store, 'getApplication'>>;
  readonly newId: () => string;
  readonly now: Date;
  /** The decision date: today in the region's timezone. */
  readonly today: IsoDate;
  /** Where this server is reached on the Internet, for the links documents give (see documentContext). */
  readonly publicUrl?: string;
}

/** The application with its licence number and document list brought up to date, and what to write with it. */
export interface EffectResults {
  readonly application: ApplicationRecord;
  readonly documents: readonly StoredDocument[];
  readonly licences: readonly LicenceRecord[];
  /** What tells the applicant about the documents delivered to them (deliveries.ts). */
  readonly notifications: readonly NotificationRecord[];
  readonly deliveries: readonly DeliveryRecord[];
}

/** Effects whose store reads are done: the licences they change, and the rest finished for the final record. */
export interface PreparedEffects {
  readonly licences: readonly LicenceRecord[];
  /** Whether finishing delivers documents (and so may notify the applicant). */
  readonly delivers: boolean;
  finish(app: ApplicationRecord): EffectResults;
}

/**
 * Runs a step's effects on the already-advanced application record. Registry effects run first, in
 * order, so every document of the step can quote the licence whatever order the procedure lists
 * them in; then each renderDocument renders its template. Nothing is written: the caller stores the
 * results together with the application. (A licence number taken here and then not stored, because
 * the write lost a version race, is skipped for good: numbers are never repeated.)
 *
 * @throws ValidationError when a licence the application names is not in the registry or already ended
 */
export async function runEffects(env: EffectEnvironment, app: ApplicationRecord, effects: readonly Effect[]): Promise<EffectResults> {
  return (await prepareEffects(env, app, effects)).finish(app);
}

/**
 * The part of runEffects that reads the store (registry effects, licences documents name), and a
 * synchronous function that finishes it for the record as it will be stored: the application's
 * licence and document list set, its documents rendered. A new application is finished once the
 * store has given it its number, so its documents print that number.
 */
export async function prepareEffects(
  env: EffectEnvironment,
  app: ApplicationRecord,
  effects: readonly Effect[],
): Promise<PreparedEffects> {
  const { region } = env;
  const source = { submission: app.submission, data: app.data };
  const touched = new Map<string, LicenceRecord>();
  let licenceNumber = app.licence;

  for (const effect of effects) {
    if (effect.type === 'issueLicence') {
      const registry = region.registry;
      if (!registry) throw new ReglamentError(`region ${region.id} issues licences but has no registry.yaml`);
      const seq = await env.store.nextLicenceSeq(region.id);
      const number = formatLicenceNumber(registry.numbering.pattern, registry.numbering.digits ?? 4, seq, Number(env.today.slice(0, 4)));
      touched.set(number, {
        number,
        region: region.id,
        status: 'active',
        issuedOn: env.today,
        terminatedOn: null,
        attributes: extractAttributes(registry, source),
        applications: [app.id],
        version: 1,
        updatedAt: env.now.toISOString(),
      });
      licenceNumber = number;
    } else if (effect.type === 'amendLicence' || effect.type === 'terminateLicence') {
      const path = effect.params?.licence ?? '';
      const current = await activeLicence(env, touched, path, valueAtPath(source, path));
      const changed =
        effect.type === 'amendLicence'
          ? { attributes: amendedAttributes(region, current, effect, source) }
          : { status: 'terminated' as const, terminatedOn: terminationDate(env.today, effect.params?.effectiveDate, source) };
      touched.set(current.number, {
        ...current,
        ...changed,
        applications: current.applications.includes(app.id) ? current.applications : [...current.applications, app.id],
        updatedAt: env.now.toISOString(),
      });
      licenceNumber = current.number;
    }
  }

  // Documents may print the applications the application form and the task forms name (fields of type application).
  const references = effects.some((e) => e.type === 'renderDocument') ? await applicationReferences(env, app) : undefined;
  const licenceForDocuments =
    (licenceNumber !== null ? touched.get(licenceNumber) : undefined) ??
    (licenceNumber !== null ? ((await env.store.getLicence(region.id, licenceNumber)) ?? null) : null);
  // A document may be about a licence the application only names (e.g. a registry extract on request).
  const renders: { id: string; templateId: string; licence: LicenceRecord | null; notify: boolean }[] = [];
  for (const effect of effects) {
    if (effect.type !== 'renderDocument') continue;
    // The applicant may be anyone, so a licence the application only names shows what the public registry
    // shows; a licence the application itself issued or acted on is the applicant's own and is shown whole.
    const named = effect.params?.licence ? await namedLicence(env, touched, effect.params.licence, valueAtPath(source, effect.params.licence)) : undefined;
    const licence = named === undefined ? licenceForDocuments : named.number === licenceNumber ? named : publicLicence(region.registry, named);
    const templateId = effect.params?.template ?? '';
    renders.push({ id: env.newId(), templateId, licence, notify: isDelivered(region, app.service, templateId, effect.params?.notify) });
  }

  const licences = [...touched.values()];
  const finish = (final: ApplicationRecord): EffectResults => {
    const application = { ...final, licence: licenceNumber };
    const documents: StoredDocument[] = renders.map(({ id, templateId, licence }, i) => ({
      id,
      template: templateId,
      title: region.templates[templateId]!.title,
      createdAt: env.now.toISOString(),
      applicationId: final.id,
      region: region.id,
      // The application's n-th document is numbered "<application number>/<n>".
      html: renderDocument(region, templateId, documentContext(region, { application, licence, today: env.today, publicUrl: env.publicUrl, references }), `${numberOf(application) ?? application.id}/${final.documents.length + i + 1}`),
    }));
    const delivered = documents.filter((_, i) => renders[i]!.notify);
    return {
      application: { ...application, documents: [...final.documents, ...documents.map(({ id, template, title, createdAt }) => ({ id, template, title, createdAt }))] },
      documents,
      licences,
      ...deliveriesFor(region, application, delivered, env),
    };
  };
  return { licences, finish, delivers: renders.some((r) => r.notify) };
}

/** The licence a document names by path, as changed earlier in this step or as stored (active or ended). */
async function namedLicence(env: EffectEnvironment, touched: Map<string, LicenceRecord>, path: string, number: unknown): Promise<LicenceRecord> {
  const field = path.replace(/^submission\./, '');
  if (typeof number !== 'string' || number.length === 0) {
    throw new ValidationError([{ path: field, message: 'Не указан номер лицензии', keyword: 'licence' }]);
  }
  const licence = touched.get(number) ?? (await env.store.getLicence(env.region.id, number));
  if (!licence) throw new ValidationError([{ path: field, message: `Лицензия № ${number} не найдена в реестре`, keyword: 'licence' }]);
  return licence;
}

/** The licence an effect acts on, as changed earlier in this step or as stored, with its version bumped once. */
async function activeLicence(env: EffectEnvironment, touched: Map<string, LicenceRecord>, path: string, number: unknown): Promise<LicenceRecord> {
  const field = path.replace(/^submission\./, '');
  if (typeof number !== 'string' || number.length === 0) {
    throw new ValidationError([{ path: field, message: 'Не указан номер лицензии', keyword: 'licence' }]);
  }
  const earlier = touched.get(number);
  if (earlier) return earlier;
  const stored = await env.store.getLicence(env.region.id, number);
  if (!stored) throw new ValidationError([{ path: field, message: `Лицензия № ${number} не найдена в реестре`, keyword: 'licence' }]);
  if (stored.status !== 'active') throw new ValidationError([{ path: field, message: `Действие лицензии № ${number} уже прекращено`, keyword: 'licence' }]);
  return { ...stored, version: stored.version + 1 };
}

/** amendLicence: the `set` attributes from their paths, or without `set` every registry attribute re-read from the application. */
function amendedAttributes(region: RegionConfig, licence: LicenceRecord, effect: Effect, source: { submission: unknown; data: unknown }): Record<string, unknown> {
  const set = effect.params?.set;
  const updates: Record<string, unknown> = set
    ? Object.fromEntries(Object.entries(set).map(([id, path]) => [id, path === undefined ? undefined : valueAtPath(source, path)]).filter(([, v]) => v !== undefined))
    : region.registry
      ? extractAttributes(region.registry, source)
      : {};
  return { ...licence.attributes, ...updates };
}

/** terminateLicence: the date the applicant asked for if it is later than the decision date, else the decision date. */
function terminationDate(today: IsoDate, path: string | undefined, source: { submission: unknown; data: unknown }): IsoDate {
  const requested = path === undefined ? undefined : valueAtPath(source, path);
  return typeof requested === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(requested) && requested > today ? requested : today;
}

/** Summaries of the applications named by the application form and by the task forms of the steps so far. */
async function applicationReferences(env: EffectEnvironment, app: ApplicationRecord): Promise<{ submission: Record<string, unknown>; data: Record<string, unknown> } | undefined> {
  const { region } = env;
  const service = region.services[app.service];
  const procedure = service ? region.procedures[service.procedure] : undefined;
  const getApplication = env.store.getApplication?.bind(env.store);
  if (!getApplication) return undefined;
  const lookup = (id: string) => getApplication(id);
  const forms = [service?.form, ...Object.values(procedure?.events ?? {}).map((e) => e?.payload)].filter((f): f is string => f !== undefined);
  if (!forms.some((f) => namesApplications(region.forms[f]))) return undefined;
  const data: Record<string, unknown> = {};
  for (const [event, definition] of Object.entries(procedure?.events ?? {})) {
    if (definition?.payload && Object.hasOwn(app.data, event) && namesApplications(region.forms[definition.payload])) {
      data[event] = await namedApplicationSummaries(region, definition.payload, app.data[event], lookup);
    }
  }
  return { submission: service ? await namedApplicationSummaries(region, service.form, app.submission, lookup) : {}, data };
}
