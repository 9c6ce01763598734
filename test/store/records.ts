/** Valid store records for tests; each test overrides what it is about. */
import type { ApplicationRecord, DeliveryRecord, DraftRecord, NotificationRecord, LicenceRecord, NewApplication, StoreEffects, StoredDocument, UploadRecord } from '../../engine/api.ts';

/** A valid application record; tests override what they are about. */
export function applicationRecord(over: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    id: 'app-1',
    number: '2025-0001',
    region: 'r1',
    service: 'svc',
    configVersion: 'v1',
    applicantId: 'user-1',
    receivedAt: '2025-01-09T10:00:00+03:00',
    registeredOn: '2025-01-09',
    submission: { applicant: { name: 'ООО «Ромашка»', inn: '7707083893' } },
    fee: { feeId: null, title: null, amount: 0, clause: null, exemption: null },
    state: 'review',
    final: false,
    outcome: null,
    stepStartedOn: '2025-01-09',
    stepDue: { date: '2025-01-16', provisional: false },
    serviceDue: { date: '2025-01-23', provisional: false },
    milestones: { registration: '2025-01-09' },
    data: {},
    snapshot: { status: 'active', value: 'review' },
    version: 1,
    history: [],
    documents: [],
    licence: null,
    updatedAt: '2025-01-09T10:00:00.000Z',
    summary: {
      applicantName: 'ООО «Ромашка»',
      applicantIds: [{ title: 'ИНН', value: '7707083893' }],
      licences: [],
      serviceTitle: 'Услуга',
      stepTitle: 'Рассмотрение',
      stepRole: 'officer',
    },
    ...over,
  };
}

export function licenceRecord(over: Partial<LicenceRecord> = {}): LicenceRecord {
  return {
    number: 'L-2025-0001',
    region: 'r1',
    status: 'active',
    issuedOn: '2025-01-20',
    terminatedOn: null,
    attributes: { name: 'ООО «Ромашка»', inn: '7707083893' },
    applications: ['app-1'],
    version: 1,
    updatedAt: '2025-01-20T10:00:00.000Z',
    ...over,
  };
}

export function documentRecord(over: Partial<StoredDocument> = {}): StoredDocument {
  return {
    id: 'doc-1',
    template: 'notice',
    title: 'Уведомление',
    createdAt: '2025-01-20T10:00:00.000Z',
    applicationId: 'app-1',
    region: 'r1',
    html: '<!doctype html><p>Уведомление</p>',
    ...over,
  };
}

/**
 * A new application for Store.createApplication that is written exactly as given (its number
 * included), whatever sequence number the store hands out; numbering tests build their own.
 */
export function numbered(app: ApplicationRecord, effects: StoreEffects = { documents: [], licences: [] }): NewApplication {
  return {
    id: app.id,
    notifies: (effects.notifications ?? []).map((n) => n.userId),
    counter: { region: app.region, year: Number(app.receivedAt.slice(0, 4)) },
    licences: effects.licences,
    attachments: effects.attachments,
    build: () => ({ application: app, documents: effects.documents, notifications: effects.notifications, deliveries: effects.deliveries }),
  };
}

export function uploadRecord(over: Partial<UploadRecord> = {}): UploadRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    owner: 'user-1',
    region: 'r1',
    service: 'svc',
    form: 'svc-form',
    field: 'site.plan',
    name: 'план.pdf',
    type: 'application/pdf',
    size: 4,
    sha256: '0'.repeat(64),
    createdAt: '2025-01-09T10:00:00.000Z',
    applicationId: null,
    ...over,
  };
}

export function draftRecord(over: Partial<DraftRecord> = {}): DraftRecord {
  return {
    id: 'draft-1',
    region: 'r1',
    service: 'svc',
    applicantId: 'user-1',
    data: { applicant: { name: 'ООО «Ромашка»' } },
    attachments: [],
    createdAt: '2025-01-09T10:00:00.000Z',
    updatedAt: '2025-01-09T10:00:00.000Z',
    version: 1,
    ...over,
  };
}

export function notificationRecord(over: Partial<NotificationRecord> = {}): NotificationRecord {
  return {
    id: 'n-1',
    userId: 'user-1',
    region: 'r1',
    applicationId: 'app-1',
    number: '2025-0001',
    title: 'Уведомление о предоставлении лицензии',
    text: 'По заявлению № 2025-0001 принято решение.',
    documentIds: ['doc-1'],
    createdAt: '2025-01-20T10:00:00.000Z',
    read: false,
    ...over,
  };
}

export function deliveryRecord(over: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    id: 'del-1',
    region: 'r1',
    applicationId: 'app-1',
    number: '2025-0001',
    channel: 'email',
    to: 'info@example.ru',
    subject: 'Заявление № 2025-0001: уведомление',
    text: 'Документ приложен.',
    documentIds: ['doc-1'],
    createdAt: '2025-01-20T10:00:00.000Z',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: '2025-01-20T10:00:00.000Z',
    lastError: null,
    finishedAt: null,
    finishedBy: null,
    ...over,
  };
}

/** The whole content of an upload as the store gives it back (openUpload), or undefined if it has none. */
export async function contentOf(stream: NodeJS.ReadableStream | undefined): Promise<Buffer | undefined> {
  if (!stream) return undefined;
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(parts);
}
