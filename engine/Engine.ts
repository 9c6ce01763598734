import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { loadRegionFromFiles } from '../config/loader/loadRegion.ts';
import type { RegionConfig } from '../config/types/RegionConfig.ts';
import { actingRoles } from './access/actingRoles.ts';
import { belongsTo } from './access/belongsTo.ts';
import { mayFile } from './access/mayFile.ts';
import { maySee, seesAsStaff } from './access/maySee.ts';
import { rolesWhere } from './access/rolesWhere.ts';
import type {
  ApplicationChange,
  Assignee,
  AssignmentAction,
  InboxRequest,
  InboxRow,
  Reports,
  Actor,
  ApplicationQuery,
  ApplicationRecord,
  ApplicationView,
  Clock,
  DeliveryRecord,
  DraftRecord,
  NotificationRecord,
  UploadRecord,
  UploadTarget,
  UploadWriter,
  CompiledForm,
  EngineApi,
  IdempotencyClaim,
  IdempotencyRecord,
  LicenceQuery,
  LicenceRecord,
  Page,
  Quote,
  ReadQuery,
  ReadRecord,
  Store,
  StoredDocument,
  WriteOptions,
} from './api.ts';
import { advanceApplication } from './application/advanceApplication.ts';
import { applicationView } from './application/applicationView.ts';
import { assignCase } from './assignment/assignCase.ts';
import { holdRefusal } from './assignment/holdRefusal.ts';
import { actingSteps } from './inbox/actingSteps.ts';
import { caseSummary } from './inbox/caseSummary.ts';
import { inboxRow } from './inbox/inboxRow.ts';
import { buildReports } from './reports/buildReports.ts';
import { newApplication } from './application/newApplication.ts';
import { perConfig } from './application/perConfig.ts';
import { applicationNumber } from './application/applicationNumber.ts';
import { prepareEffects, runEffects } from './application/runEffects.ts';
import { serviceTotal } from './application/serviceTotal.ts';
import { createWorkingCalendar } from './calendar/createWorkingCalendar.ts';
import { localDate } from './calendar/localDate.ts';
import { dueDate } from './calendar/dueDate.ts';
import { registrationDate, registrationOptionsOf } from './calendar/registrationDate.ts';
import { documentContext } from './documents/documentContext.ts';
import { renderDocument } from './documents/renderDocument.ts';
import { attachmentFieldError, fileAttachments } from './application/fileAttachments.ts';
import { AttachmentError, ForbiddenError, NotFoundError, TransitionError, ValidationError, VersionConflictError } from './errors.ts';
import { feeDue } from './fees/feeDue.ts';
import { compileForm } from './forms/compileForm.ts';
import { applicationReferenceErrors, filingReferences, namesApplications } from './forms/applicationReferences.ts';
import { attachmentIds } from './forms/attachments.ts';
import { createFormValidator } from './forms/createFormValidator.ts';
import { findFileField } from './forms/findFileField.ts';
import { hostileInputErrors } from './forms/hostileInputErrors.ts';
import { publicLicence } from './registry/publicLicence.ts';
import { acceptedEvents } from './workflow/acceptedEvents.ts';
import { refusedOtherwise } from './workflow/refusedOtherwise.ts';

export interface EngineOptions {
  /** The current config of every region served. */
  readonly regions: readonly RegionConfig[];
  readonly store: Store;
  readonly clock: Clock;
  /**
   * Loads an older config version an application is pinned to. Default: the version's files as saved
   * in the store, loaded with loadRegionFromFiles in the current region's folder.
   */
  readonly loadVersion?: (region: string, version: string) => Promise<RegionConfig | undefined>;
  /** Ids of new applications and documents. Default: random UUIDs. */
  readonly idGenerator?: () => string;
  /**
   * Where this server is reached on the Internet (PUBLIC_URL), read when a document is rendered: notices
   * link to the licence's entry in the registry it publishes, unless region.yaml names a registryUrl.
   */
  readonly publicUrl?: () => string | undefined;
}

/** The record with what the inbox shows of it, worked out for the config version it runs on. */
const withSummary = (config: RegionConfig, app: ApplicationRecord): ApplicationRecord => ({ ...app, summary: caseSummary(config, app) });
/** The claim alone, as the store keeps it (without the function that makes the response). */
const claimOf = ({ owner, key, fingerprint, createdAt, expiresAt }: IdempotencyClaim): IdempotencyClaim => ({ owner, key, fingerprint, createdAt, expiresAt });

const calendarOf = perConfig((config) => createWorkingCalendar(config.calendar));
const validatorOf = perConfig((config, formId) => createFormValidator(config, formId));
const compiledFormOf = perConfig((config, formId) => compileForm(config, formId));
const namesApplicationsOf = perConfig((config, formId) => namesApplications(config.forms[formId]));

/**
 * The engine facade (EngineApi): checks who may do what, validates, advances applications through
 * their procedures and stores them with their documents and registry changes. An application always
 * runs on the config version it started on. Time comes only from the injected clock.
 */
export class Engine implements EngineApi {
  readonly #regions: Map<string, RegionConfig>;
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #loadVersion: (region: string, version: string) => Promise<RegionConfig | undefined>;
  readonly #newId: () => string;
  readonly #publicUrl: () => string | undefined;
  /** Older config versions by "region\0version", loaded once each. */
  readonly #versions = new Map<string, Promise<RegionConfig>>();
  /** Config versions already kept in the store by this engine. */
  readonly #saved = new Set<string>();

  constructor(options: EngineOptions) {
    this.#regions = new Map(options.regions.map((r) => [r.id, r]));
    this.#store = options.store;
    this.#clock = options.clock;
    this.#newId = options.idGenerator ?? randomUUID;
    this.#publicUrl = options.publicUrl ?? (() => undefined);
    this.#loadVersion = options.loadVersion ?? ((region, version) => this.#loadStoredVersion(region, version));
  }

  regions(): readonly RegionConfig[] {
    return [...this.#regions.values()];
  }

  region(id: string): RegionConfig | undefined {
    return this.#regions.get(id);
  }

  compiledForm(regionId: string, formId: string): CompiledForm {
    const config = this.#regionOrNotFound(regionId);
    if (!Object.hasOwn(config.forms, formId)) throw new NotFoundError(`Форма ${formId} не найдена`);
    return compiledFormOf(config, formId);
  }

  quote(regionId: string, serviceId: string, submission: unknown, receivedAt: Date): Quote {
    const config = this.#regionOrNotFound(regionId);
    this.#serviceOrNotFound(config, serviceId);
    const calendar = calendarOf(config);
    const registeredOn = registrationDate(receivedAt, registrationOptionsOf(config.region, calendar));
    const receivedOn = localDate(receivedAt, config.region.timezone);
    const total = serviceTotal(config, serviceId, submission);
    const anchors = { receipt: receivedOn, registration: registeredOn, milestones: { registration: registeredOn }, fields: { submission, data: {} } };
    return {
      receivedOn,
      registeredOn,
      fee: feeDue(config, serviceId, submission, registeredOn),
      serviceDue: total ? dueDate(total, anchors, calendar) : null,
      serviceDueFrom: total?.from ?? null,
    };
  }

  async startApplication(regionId: string, serviceId: string, submission: unknown, actor: Actor, receivedAt?: Date, options: WriteOptions = {}): Promise<ApplicationView> {
    const config = this.#regionOrNotFound(regionId);
    if (!belongsTo(actor, regionId)) throw new NotFoundError(`Регион ${regionId} не найден`);
    const service = this.#serviceOrNotFound(config, serviceId);
    if (!mayFile(config, service, actor)) throw new ForbiddenError(`Ваша роль не позволяет подать заявление на услугу «${service.title}»`);
    const errors = validatorOf(config, service.form)(submission);
    if (errors.length > 0) throw new ValidationError(errors);
    await this.#checkReferences(config, service.form, submission, actor);
    const references = namesApplicationsOf(config, service.form) ? await filingReferences(config, service.id, submission, actor, this.#store) : undefined;
    const schema = compiledFormOf(config, service.form).schema;
    const filed = await fileAttachments(this.#store, schema, submission, { userId: actor.userId, region: regionId, service: serviceId, form: service.form, applicationId: null });

    const now = this.#clock.now();
    const calendar = calendarOf(config);
    const filingRoles = actor.roles.filter((role) => mayFile(config, service, { ...actor, roles: [role] }));
    const draft = newApplication({
      region: config,
      serviceId,
      submission: structuredClone(filed.data),
      applicant: { userId: actor.userId, roles: filingRoles },
      id: this.#newId(),
      receivedAt: receivedAt ?? now,
      now,
      calendar,
      ...(references && { references }),
    });
    const prepared = await prepareEffects(this.#effectEnvironment(config, now), draft.application, draft.effects);
    await this.#saveVersion(config);
    // Numbered by the year of receipt, in the region's timezone: a filing at 23:30 on 31 December counts in that year.
    const year = Number(localDate(receivedAt ?? now, config.region.timezone).slice(0, 4));
    const moment = this.#moment(config, now);
    const keyed = options.idempotency;
    const stored = await this.#store
      .createApplication({
        id: draft.application.id,
        notifies: prepared.delivers ? [actor.userId] : [],
        counter: { region: config.id, year },
        licences: prepared.licences,
        attachments: filed.ids,
        ...(keyed ? { idempotency: claimOf(keyed) } : {}),
        build: (seq) => {
          const done = prepared.finish({ ...draft.application, number: applicationNumber(config, year, seq) });
          const application = withSummary(config, done.application);
          const response = keyed?.respond(applicationView(config, application, actor, moment));
          return { application, documents: done.documents, notifications: done.notifications, deliveries: done.deliveries, ...(response ? { response } : {}) };
        },
      })
      .catch((error: unknown) => {
        throw (error instanceof AttachmentError && attachmentFieldError(schema, filed.data, error)) || error;
      });
    if (options.draftId !== undefined) {
      // After the filing: a crash in between leaves the draft behind, never a filing without its draft's data.
      const own = await this.#store.getDraft(options.draftId);
      if (own && own.applicantId === actor.userId) await this.#store.deleteDraft(own.id);
    }
    return applicationView(config, stored, actor, moment);
  }

  async send(applicationId: string, event: string, payload: unknown, actor: Actor, expectedVersion?: number, options: WriteOptions = {}): Promise<ApplicationView> {
    const { app, config } = await this.#visible(applicationId, actor);
    const procedure = config.procedures[config.services[app.service]!.procedure]!;
    const definition = Object.hasOwn(procedure.events, event) ? procedure.events[event] : undefined;
    if (!definition) throw new TransitionError(`Действие ${event} не предусмотрено процедурой «${procedure.title}»`);
    const roles = actingRoles(config, app, actor, definition.roles);
    if (roles.length === 0) throw new ForbiddenError(`Ваша роль не позволяет выполнить действие «${definition.title}»`);
    if (expectedVersion !== undefined && expectedVersion !== app.version) throw new VersionConflictError(app.id, expectedVersion, app.version);
    if (!acceptedEvents(procedure, app.state).includes(event)) {
      throw new TransitionError(`Действие «${definition.title}» невозможно на шаге «${procedure.states[app.state]?.title ?? app.state}»`);
    }
    const held = holdRefusal(config, app, actor, roles);
    if (held !== null) throw new TransitionError(held);
    const checked = this.#checkPayload(config, app, definition.payload, payload);
    if (definition.payload !== undefined) await this.#checkReferences(config, definition.payload, checked, actor);
    const schema = definition.payload === undefined ? null : compiledFormOf(config, definition.payload).schema;
    const filed =
      schema === null
        ? { data: checked, ids: [] }
        : await fileAttachments(this.#store, schema, checked, { userId: actor.userId, region: app.region, service: app.service, form: definition.payload!, applicationId: app.id });
    const data = filed.data;

    const now = this.#clock.now();
    const draft = refusedOtherwise(procedure, app.state, event, () =>
      advanceApplication({ region: config, application: app, event, payload: data, actor: { userId: actor.userId, roles }, now, calendar: calendarOf(config) }),
    );
    const done = await runEffects(this.#effectEnvironment(config, now), draft.application, draft.effects);
    const next = withSummary(config, done.application);
    const view = applicationView(config, next, actor, this.#moment(config, now));
    const keyed = options.idempotency;
    const idempotency = keyed ? { ...claimOf(keyed), response: keyed.respond(view) } : undefined;
    await this.#store
      .updateApplication(next, app.version, {
        documents: done.documents,
        licences: done.licences,
        attachments: filed.ids,
        notifications: done.notifications,
        deliveries: done.deliveries,
        ...(idempotency ? { idempotency } : {}),
      })
      .catch((error: unknown) => {
        throw (error instanceof AttachmentError && schema !== null && attachmentFieldError(schema, data, error)) || error;
      });
    return view;
  }

  idempotency(owner: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.#store.getIdempotency(owner, key, this.#clock.now().toISOString());
  }

  recordReads(reads: readonly ReadRecord[]): Promise<void> {
    return this.#store.appendReads(reads);
  }

  async reads(actor: Actor, query: ReadQuery): Promise<Page<ReadRecord>> {
    const config = this.#regions.get(query.region);
    if (!config || !belongsTo(actor, query.region)) throw new NotFoundError(`Регион ${query.region} не найден`);
    const auditors = rolesWhere(config, (r) => r.audit === true);
    if (!actor.roles.some((role) => auditors.has(role))) throw new ForbiddenError('Журнал просмотров заявлений читает только роль, которой регламент поручает контроль');
    return this.#store.listReads(query);
  }

  /**
   * The file field an upload is for, once the actor may upload it: an applicant of the region for a
   * field of the service's application form, or someone who may send `event` now for a field of that
   * event's task form on an application they may see.
   */
  async uploadTarget(
    target: { readonly region: string; readonly service: string } | { readonly application: string; readonly event: string },
    fieldPath: string,
    actor: Actor,
  ): Promise<UploadTarget> {
    let config: RegionConfig;
    let service: string;
    let formId: string;
    if ('application' in target) {
      const visible = await this.#visible(target.application, actor);
      config = visible.config;
      service = visible.app.service;
      const view = applicationView(config, visible.app, actor, this.#moment(config, this.#clock.now()));
      const allowed = view.allowedEvents.find((e) => e.event === target.event);
      // Refused for a reason the user should read (another official holds the case, the regulation's
      // otherwise): the same 409 as sending the event would get.
      const refused = view.unavailableEvents.find((e) => e.event === target.event);
      if (!allowed && refused) throw new TransitionError(refused.clause ? `${refused.reason} (п. ${refused.clause})` : refused.reason);
      if (!allowed) throw new ForbiddenError(`Действие ${target.event} сейчас недоступно`);
      if (allowed.payloadForm === null) throw new NotFoundError(`У действия «${allowed.title}» нет формы с файлами`);
      formId = allowed.payloadForm;
    } else {
      config = this.#regionOrNotFound(target.region);
      if (!belongsTo(actor, target.region)) throw new NotFoundError(`Регион ${target.region} не найден`);
      const definition = this.#serviceOrNotFound(config, target.service);
      if (!mayFile(config, definition, actor)) throw new ForbiddenError(`Ваша роль не позволяет подать заявление на услугу «${definition.title}»`);
      service = target.service;
      formId = definition.form;
    }
    const field = findFileField(config.forms[formId]!, fieldPath);
    if (!field) throw new NotFoundError(`В форме нет поля-файла ${fieldPath}`);
    return { region: config.id, service, form: formId, fieldPath, field };
  }

  beginUpload(id: string): Promise<UploadWriter> {
    return this.#store.beginUpload(id);
  }

  /**
   * An upload and its content, for its uploader, or for whoever may see the application it was filed
   * with (the applicant, staff of the region). Anyone else: NotFoundError.
   */
  async upload(id: string, actor: Actor): Promise<{ readonly record: UploadRecord; readonly content: Readable }> {
    const record = await this.#store.getUpload(id);
    const notFound = () => new NotFoundError(`Файл ${id} не найден`);
    if (!record) throw notFound();
    if (record.owner !== actor.userId) {
      if (record.applicationId === null) throw notFound();
      await this.#visible(record.applicationId, actor).catch((error: unknown) => {
        throw error instanceof NotFoundError ? notFound() : error;
      });
    }
    const content = await this.#store.openUpload(id);
    if (!content) throw notFound();
    return { record, content };
  }

  /** The actor's own notifications, newest first, and how many are unread. */
  notifications(actor: Actor, limit: number): Promise<{ readonly items: readonly NotificationRecord[]; readonly unread: number }> {
    return this.#store.listNotifications(actor.userId, limit);
  }

  markNotificationsRead(actor: Actor, ids: readonly string[] | 'all'): Promise<void> {
    return this.#store.markNotificationsRead(actor.userId, ids);
  }

  /** The deliveries of an application the actor may see (its e-mails and paper copies, with their state). */
  async deliveries(applicationId: string, actor: Actor): Promise<readonly DeliveryRecord[]> {
    await this.#visible(applicationId, actor);
    return this.#store.listDeliveries({ applicationId });
  }

  /** The region's paper copies still to send or hand over: the staff's tasks. */
  async paperTasks(regionId: string, actor: Actor): Promise<readonly DeliveryRecord[]> {
    const config = this.#regionOrNotFound(regionId);
    if (!belongsTo(actor, regionId)) throw new NotFoundError(`Регион ${regionId} не найден`);
    if (!this.#isStaff(config, actor)) throw new ForbiddenError('Бумажные отправления видят только сотрудники');
    return this.#store.listDeliveries({ region: regionId, channel: 'paper', status: 'pending' });
  }

  /** Records that a paper copy was sent or handed over, by a member of the region's staff. */
  async completePaperDelivery(applicationId: string, deliveryId: string, actor: Actor): Promise<DeliveryRecord> {
    const { config } = await this.#visible(applicationId, actor);
    if (!this.#isStaff(config, actor)) throw new ForbiddenError('Отметить отправку на бумаге может только сотрудник');
    const delivery = await this.#store.getDelivery(applicationId, deliveryId);
    if (!delivery || delivery.channel !== 'paper') throw new NotFoundError(`Отправление ${deliveryId} не найдено`);
    if (delivery.status !== 'pending') throw new TransitionError('Это отправление уже отмечено выполненным');
    const done: DeliveryRecord = { ...delivery, status: 'done', finishedAt: this.#clock.now().toISOString(), finishedBy: actor.userId };
    await this.#store.updateDelivery(done);
    return done;
  }

  /** The actor's drafts in a region, last changed first. Only applicants have drafts. */
  async drafts(regionId: string, actor: Actor): Promise<readonly DraftRecord[]> {
    const config = this.#regionOrNotFound(regionId);
    if (!belongsTo(actor, regionId)) throw new NotFoundError(`Регион ${regionId} не найден`);
    if (!actor.roles.some((role) => config.roles[role]?.applicant === true)) throw new ForbiddenError('Черновики есть только у заявителей');
    return this.#store.listDrafts(regionId, actor.userId);
  }

  /** One of the actor's own drafts; anyone else's is a NotFoundError, like an application. */
  async draft(id: string, actor: Actor): Promise<DraftRecord> {
    const draft = await this.#store.getDraft(id);
    if (!draft || draft.applicantId !== actor.userId || !belongsTo(actor, draft.region)) throw new NotFoundError(`Черновик ${id} не найден`);
    return draft;
  }

  /**
   * Saves the form as far as it is filled in: a new draft (no `id`, version 0) or the next version of
   * the actor's own. The data is not validated (it is unfinished), only refused when hostile; the
   * uploads it refers to that are the actor's own are kept with it.
   */
  async saveDraft(regionId: string, serviceId: string, input: { readonly id?: string; readonly data: unknown; readonly version: number }, actor: Actor): Promise<DraftRecord> {
    const config = this.#regionOrNotFound(regionId);
    if (!belongsTo(actor, regionId)) throw new NotFoundError(`Регион ${regionId} не найден`);
    const service = this.#serviceOrNotFound(config, serviceId);
    if (!mayFile(config, service, actor)) throw new ForbiddenError(`Ваша роль не позволяет подать заявление на услугу «${service.title}»`);
    const hostile = hostileInputErrors(input.data);
    if (hostile.length > 0) throw new ValidationError(hostile);
    if (typeof input.data !== 'object' || input.data === null || Array.isArray(input.data)) {
      throw new ValidationError([{ path: '', keyword: 'type', message: 'Черновик — это данные формы (объект)' }]);
    }
    const now = this.#clock.now().toISOString();
    const earlier = input.id === undefined ? undefined : await this.draft(input.id, actor);
    if (earlier && (earlier.region !== regionId || earlier.service !== serviceId)) throw new NotFoundError(`Черновик ${input.id} не найден`);
    const referred = attachmentIds(compiledFormOf(config, service.form).schema, input.data);
    const owned = (await Promise.all(referred.map((id) => this.#store.getUpload(id)))).filter((u) => u?.owner === actor.userId).map((u) => u!.id);
    const draft: DraftRecord = {
      id: earlier?.id ?? this.#newId(),
      region: regionId,
      service: serviceId,
      applicantId: actor.userId,
      data: structuredClone(input.data) as Record<string, unknown>,
      attachments: owned,
      createdAt: earlier?.createdAt ?? now,
      updatedAt: now,
      version: input.version + 1,
    };
    await this.#store.saveDraft(draft, input.version);
    return draft;
  }

  async deleteDraft(id: string, actor: Actor): Promise<void> {
    await this.draft(id, actor);
    await this.#store.deleteDraft(id);
  }

  async view(applicationId: string, actor: Actor): Promise<ApplicationView> {
    const { app, config } = await this.#visible(applicationId, actor);
    return applicationView(config, app, actor, this.#moment(config, this.#clock.now()));
  }

  async inbox(actor: Actor, query: ApplicationQuery): Promise<Page<ApplicationView>> {
    const config = this.#regions.get(query.region);
    if (!config || !belongsTo(actor, query.region)) throw new NotFoundError(`Регион ${query.region} не найден`);
    const staff = rolesWhere(config, (r) => r.inbox === true && r.applicant !== true);
    const applicant = rolesWhere(config, (r) => r.applicant === true);
    let scoped: ApplicationQuery;
    if (actor.roles.some((role) => staff.has(role))) scoped = query;
    else if (actor.roles.some((role) => applicant.has(role))) scoped = { ...query, applicantId: actor.userId };
    else throw new ForbiddenError('Ваша роль не позволяет просматривать заявления');
    const page = await this.#store.listApplications(scoped);
    const now = this.#clock.now();
    const items = await Promise.all(
      page.items.map(async (app) => {
        const version = await this.#configFor(app);
        return applicationView(version, app, actor, this.#moment(version, now));
      }),
    );
    return { items, total: page.total };
  }

  async inboxRows(actor: Actor, request: InboxRequest): Promise<{ items: InboxRow[]; total: number; totalExact: boolean }> {
    const config = this.#regions.get(request.region);
    if (!config || !belongsTo(actor, request.region)) throw new NotFoundError(`Регион ${request.region} не найден`);
    const staff = rolesWhere(config, (r) => r.inbox === true && r.applicant !== true);
    const roles = actor.roles.filter((role) => staff.has(role));
    if (roles.length === 0) throw new ForbiddenError('Ваша роль не позволяет просматривать заявления');
    const now = this.#clock.now();
    const today = this.#today(config, now);
    const page = await this.#store.listInbox({
      region: request.region,
      ...(request.service !== undefined ? { service: request.service } : {}),
      ...(request.state !== undefined ? { state: request.state } : {}),
      ...(request.view === 'all' ? (request.final !== undefined ? { final: request.final } : {}) : { final: false, steps: actingSteps(config, roles) }),
      ...(request.view === 'mine' ? { assignee: actor.userId } : {}),
      ...(request.overdue ? { overdueOn: today } : {}),
      ...(request.text ? { text: request.text } : {}),
      sort: request.sort,
      direction: request.direction,
      limit: request.limit,
      offset: request.offset,
    });
    const calendar = calendarOf(config);
    return { items: page.items.map((row) => inboxRow(row, today, calendar)), total: page.total, totalExact: page.totalExact };
  }

  async assign(applicationId: string, actor: Actor, action: AssignmentAction, assignee: Assignee | null, expectedVersion: number): Promise<ApplicationView> {
    const { app, config } = await this.#visible(applicationId, actor);
    const takers = rolesWhere(config, (r) => r.takesCases === true);
    const assigners = rolesWhere(config, (r) => r.assignsCases === true);
    const takes = actor.roles.filter((role) => takers.has(role));
    const assigns = actor.roles.filter((role) => assigners.has(role));
    const holder = app.assignee ?? null;
    if (action === 'take' && takes.length === 0) throw new ForbiddenError('Ваша роль не позволяет брать заявления в работу');
    if (action === 'assign' && assigns.length === 0) throw new ForbiddenError('Ваша роль не позволяет назначать исполнителя');
    if (action === 'release' && assigns.length === 0 && !(holder?.userId === actor.userId && takes.length > 0)) {
      throw new ForbiddenError('Вернуть заявление может тот, кто его взял, или тот, кто назначает исполнителей');
    }
    if (expectedVersion !== app.version) throw new VersionConflictError(app.id, expectedVersion, app.version);
    if (app.final) throw new TransitionError('Рассмотрение заявления завершено: исполнителя не назначают');
    if (action === 'take' && holder !== null) {
      throw new TransitionError(holder.userId === actor.userId ? 'Заявление уже у вас в работе' : `Заявление уже взял в работу ${holder.name}`);
    }
    if (action === 'release' && holder === null) throw new TransitionError('Заявление никому не назначено');
    if (action === 'assign' && assignee === null) throw new ValidationError([{ path: 'assignee', message: 'Укажите исполнителя', keyword: 'required' }]);
    if (action === 'assign' && holder?.userId === assignee!.userId) throw new TransitionError(`Заявление уже у исполнителя ${holder.name}`);

    const roles = action === 'take' ? takes : action === 'assign' ? assigns : assigns.length > 0 ? assigns : takes;
    const next = assignCase(app, action, action === 'release' ? null : assignee, { userId: actor.userId, roles }, this.#clock.now());
    await this.#store.updateApplication(next, app.version, { documents: [], licences: [] });
    return applicationView(config, next, actor, this.#moment(config, this.#clock.now()));
  }

  async reports(actor: Actor, region: string): Promise<Reports> {
    const config = this.#regions.get(region);
    if (!config || !belongsTo(actor, region)) throw new NotFoundError(`Регион ${region} не найден`);
    const readers = rolesWhere(config, (r) => r.reports === true);
    if (!actor.roles.some((role) => readers.has(role))) throw new ForbiddenError('Ваша роль не позволяет просматривать отчёты');
    const facts = await this.#store.reportFacts(region);
    return buildReports(config, facts, this.#today(config, this.#clock.now()), calendarOf(config));
  }

  watch(listener: (change: ApplicationChange) => void): Promise<() => Promise<void>> {
    return this.#store.watch(listener);
  }

  async document(id: string, actor: Actor | null): Promise<StoredDocument> {
    const document = await this.#store.getDocument(id);
    if (!document) throw new NotFoundError(`Документ ${id} не найден`);
    if (document.applicationId === null) return document;
    if (!actor) throw new NotFoundError(`Документ ${id} не найден`);
    const { app, config } = await this.#visible(document.applicationId, actor).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError(`Документ ${id} не найден`) : error;
    });
    // A document kept inside the authority does not exist for the applicant.
    if (config.templates[document.template]?.internal === true && !seesAsStaff(config, app, actor)) throw new NotFoundError(`Документ ${id} не найден`);
    return document;
  }

  async searchLicences(query: LicenceQuery): Promise<Page<LicenceRecord>> {
    const config = this.#regionOrNotFound(query.region);
    if (query.attribute && !config.registry?.attributes.some((a) => a.id === query.attribute!.id && a.searchable === true && a.public !== false)) {
      throw new ValidationError([{ path: 'attribute', message: `Поиск по сведению «${query.attribute.id}» не предусмотрен`, keyword: 'searchable' }]);
    }
    const page = await this.#store.searchLicences(query);
    return { items: page.items.map((licence) => publicLicence(config.registry, licence)), total: page.total };
  }

  async licence(region: string, number: string): Promise<LicenceRecord> {
    const config = this.#regionOrNotFound(region);
    return publicLicence(config.registry, await this.#licenceOrNotFound(region, number));
  }

  async licenceExtract(region: string, number: string): Promise<string> {
    const config = this.#regionOrNotFound(region);
    // Anyone may ask for an extract: it shows the public view, like the registry itself.
    const licence = publicLicence(config.registry, await this.#licenceOrNotFound(region, number));
    const template = Object.values(config.templates).find((t) => t.kind === 'extract');
    if (!template) throw new NotFoundError(`В регионе ${region} не предусмотрена выписка из реестра`);
    return renderDocument(config, template.id, documentContext(config, { application: null, licence, today: this.#today(config, this.#clock.now()), publicUrl: this.#publicUrl() }));
  }

  /** The application and the config version it runs on, if the actor may see it; otherwise NotFoundError. */
  async #visible(applicationId: string, actor: Actor): Promise<{ app: ApplicationRecord; config: RegionConfig }> {
    const app = await this.#store.getApplication(applicationId);
    // Region first: an actor of another region learns nothing, not even which config the application uses.
    if (!app || !belongsTo(actor, app.region) || !this.#regions.has(app.region)) throw new NotFoundError(`Заявление ${applicationId} не найдено`);
    const config = await this.#configFor(app);
    if (!maySee(config, app, actor)) throw new NotFoundError(`Заявление ${applicationId} не найдено`);
    return { app, config };
  }

  /** A task form's data checked against its form, or nothing for an event without one. */
  #checkPayload(config: RegionConfig, app: ApplicationRecord, formId: string | undefined, payload: unknown): unknown {
    if (formId === undefined) {
      const empty = payload === undefined || payload === null || (typeof payload === 'object' && !Array.isArray(payload) && Object.keys(payload).length === 0);
      if (!empty) throw new ValidationError([{ path: '', message: 'Это действие не принимает данных', keyword: 'payload' }]);
      return undefined;
    }
    const errors = validatorOf(config, formId)(payload, { submission: app.submission, application: { data: app.data, references: app.references ?? {} } });
    if (errors.length > 0) throw new ValidationError(errors);
    return structuredClone(payload);
  }

  /** The applications a form names (fields of type application) must exist and be the actor's to name; otherwise ValidationError. */
  async #checkReferences(config: RegionConfig, formId: string, data: unknown, actor: Actor): Promise<void> {
    if (!namesApplicationsOf(config, formId)) return;
    const errors = await applicationReferenceErrors(config, formId, data, actor, (id) => this.#store.getApplication(id));
    if (errors.length > 0) throw new ValidationError(errors);
  }

  async #configFor(app: ApplicationRecord): Promise<RegionConfig> {
    const current = this.#regions.get(app.region);
    if (current?.version === app.configVersion) return current;
    const key = `${app.region}\u0000${app.configVersion}`;
    let loading = this.#versions.get(key);
    if (!loading) {
      loading = this.#loadVersion(app.region, app.configVersion).then((config) => {
        if (!config || config.version !== app.configVersion) {
          throw new Error(`config version ${app.configVersion} of region ${app.region} cannot be loaded (application ${app.id})`);
        }
        return config;
      });
      // A failed load is not cached, so it is retried on the next request.
      loading.catch(() => this.#versions.delete(key));
      this.#versions.set(key, loading);
    }
    return loading;
  }

  async #loadStoredVersion(region: string, version: string): Promise<RegionConfig | undefined> {
    const current = this.#regions.get(region);
    const files = await this.#store.getConfigVersion(region, version);
    if (!current || !files) return undefined;
    const loaded = loadRegionFromFiles(current.dir, files);
    return loaded.ok ? loaded.config : undefined;
  }

  async #saveVersion(config: RegionConfig): Promise<void> {
    const key = `${config.id}\u0000${config.version}`;
    if (this.#saved.has(key)) return;
    await this.#store.saveConfigVersion(config.id, config.version, config.files);
    this.#saved.add(key);
  }

  #isStaff(config: RegionConfig, actor: Actor): boolean {
    const staff = rolesWhere(config, (r) => r.inbox === true && r.applicant !== true);
    return actor.roles.some((role) => staff.has(role));
  }

  #effectEnvironment(config: RegionConfig, now: Date) {
    return { region: config, store: this.#store, newId: this.#newId, now, today: this.#today(config, now), publicUrl: this.#publicUrl() };
  }

  #today(config: RegionConfig, now: Date): string {
    return localDate(now, config.region.timezone);
  }

  /** What an application view is judged at: `now`, its day in the region, the region's calendar. */
  #moment(config: RegionConfig, now: Date) {
    return { now, today: this.#today(config, now), calendar: calendarOf(config) };
  }

  #regionOrNotFound(regionId: string): RegionConfig {
    const config = this.#regions.get(regionId);
    if (!config) throw new NotFoundError(`Регион ${regionId} не найден`);
    return config;
  }

  #serviceOrNotFound(config: RegionConfig, serviceId: string) {
    const service = Object.hasOwn(config.services, serviceId) && config.region.services.includes(serviceId) ? config.services[serviceId] : undefined;
    if (!service) throw new NotFoundError(`Услуга ${serviceId} не найдена`);
    return service;
  }

  async #licenceOrNotFound(region: string, number: string): Promise<LicenceRecord> {
    const licence = await this.#store.getLicence(region, number);
    if (!licence) throw new NotFoundError(`Лицензия № ${number} не найдена в реестре`);
    return licence;
  }
}
