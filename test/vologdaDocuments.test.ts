/**
 * Vologda's documents as the engine renders them along real paths of every procedure: each template is
 * rendered at least once, and in each (1) the applicant's or licensee's name stands after a label, in the
 * nominative, never after a verb that governs another case (the templates rephrase rather than decline
 * names: «Предоставить заявителю лицензию… Заявитель: ООО …»); (2) a document the head signs shows the
 * signer with their position, «Исполняющий обязанности…» when the signing form says so, and the block
 * «Документ подписан электронной подписью» with the certificate recorded at signing; (3) the notices of
 * 3.1.1–3.1.3 link to the licence's entry in the registry published on the Internet.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatLoadError } from '../config/loader/LoadError.ts';
import { loadRegion } from '../config/loader/loadRegion.ts';
import type { RegionConfig } from '../config/types/RegionConfig.ts';
import type { Actor } from '../engine/api.ts';
import { Engine } from '../engine/Engine.ts';
import { memoryStore } from '../engine/store/memoryStore.ts';
import { storePending } from './helpers/storedFiles.ts';
import { file } from './server/harness.ts';
import { complaintSubmission } from './server/vologdaComplaint.ts';
import { amendSubmission, grantSubmission, infoSubmission, terminateSubmission } from './server/vologdaData.ts';

const DIR = fileURLToPath(new URL('../regions/vologda', import.meta.url));
/** A name that a declension would change in every case but the nominative. */
const NAME = 'Общество с ограниченной ответственностью «Ромашка»';
const PUBLIC_URL = 'https://reglament.example.ru';
const CERTIFICATE = { serial: '01 DA 5F 3C 00 4A B1', owner: 'Петрова Анна Сергеевна', issuer: 'Казначейство России', validFrom: '2024-11-01', validTo: '2026-02-01' };
const sign = (number: string, acting = false) => ({ document: { number, date: '2025-03-20' }, signer: { name: 'А. С. Петрова', acting }, certificate: CERTIFICATE });
const VALID_SIGNATURE = { signature: { signatureKind: 'qualified', toolClass: 'KS2', result: 'valid', checkedOn: '2025-03-03' } };

const applicant: Actor = { userId: 'a', region: 'vologda', roles: ['applicant'] };
const officer: Actor = { userId: 'o', region: 'vologda', roles: ['officer'] };
const head: Actor = { userId: 'h', region: 'vologda', roles: ['head'] };

let config: RegionConfig;
const rendered = new Map<string, string>();

const controller: Actor = { userId: 'c', region: 'vologda', roles: ['controller'] };
/** Who sends an event: the head signs, the complainant answers and withdraws, the controller records its act; the officer does the rest. */
const sender = (event: string): Actor =>
  event.startsWith('SIGN_') ? head : ['PROVIDE_INFO', 'WITHDRAW'].includes(event) ? applicant : event === 'RECORD_ACT' ? controller : officer;

async function drive(engine: Engine, store: ReturnType<typeof memoryStore>, service: string, submission: unknown, steps: [string, unknown?][], filer: Actor = applicant) {
  const filed = await storePending(store, config, { service, form: config.services[service]!.form }, submission, filer.userId);
  const { application } = await engine.startApplication('vologda', service, filed, filer);
  let view;
  const procedure = config.procedures[config.services[service]!.procedure]!;
  for (const [event, payload] of steps) {
    const form = procedure.events[event]?.payload;
    const data = form === undefined || payload === undefined ? payload : await storePending(store, config, { service, form }, payload, sender(event).userId);
    view = await engine.send(application.id, event, data, sender(event)).catch((e: { errors?: unknown }) => {
      throw new Error(`${service} ${event}: ${JSON.stringify(e.errors ?? e)}`);
    });
  }
  for (const ref of view!.application.documents) {
    const doc = await store.getDocument(ref.id);
    if (!rendered.has(ref.template)) rendered.set(ref.template, doc!.html);
  }
  return view!.application;
}

beforeAll(async () => {
  const result = await loadRegion(DIR);
  if (!result.ok) throw new Error(result.errors.map(formatLoadError).join('\n'));
  config = result.config;
  const store = memoryStore();
  const engine = new Engine({ regions: [config], store, clock: { now: () => new Date('2025-03-03T10:00:00+03:00') }, publicUrl: () => PUBLIC_URL });
  const company = (s: { applicant: object }) => ({ ...s, applicant: { ...s.applicant, name: NAME } });
  const assessment: [string, unknown?][] = [
    ['SUBMIT_ASSESSMENT_ORDER', { order: { assessmentForm: 'onSite', startDate: '2025-03-12', endDate: '2025-03-13', places: [{ address: 'г. Вологда, ул. Промышленная, д. 5' }], inspectors: 'Сидоров С. С.' } }],
    ['SIGN_ASSESSMENT_ORDER', sign('45-о')],
    ['NOTIFY_ASSESSMENT'],
    ['RECORD_ASSESSMENT', { act: { actDate: '2025-03-13', assessmentForm: 'onSite', result: 'compliant' } }],
  ];
  const granted = await drive(engine, store, 'grant', company(grantSubmission()), [
    ['REGISTER'],
    ['CHECK_SIGNATURE', VALID_SIGNATURE],
    ['SUBMIT_REQUESTS', { requests: { items: [{ recipient: 'treasury', channel: 'smev' }] } }],
    ['SIGN_REQUESTS'],
    ['RECORD_RESPONSES', { responses: { items: [{ recipient: 'treasury', receivedOn: '2025-03-04', summary: 'Пошлина уплачена' }] } }],
    ['CHECK_COMPLETENESS', { completeness: { result: 'complete' } }],
    ...assessment,
    ['SUBMIT_DECISION', { draft: { decision: 'approve' } }],
    ['SIGN_DECISION', sign('123-л', true)],
    ['NOTIFY'],
  ]);
  const licence = granted.licence!;
  await drive(engine, store, 'grant', company(grantSubmission()), [
    ['REGISTER'],
    ['CHECK_SIGNATURE', { signature: { signatureKind: 'qualified', toolClass: 'other', result: 'invalid', checkedOn: '2025-03-03' } }],
    ['SUBMIT_ACCEPT_REFUSAL', { refusal: { grounds: ['signatureInvalid'], reasons: 'Средство подписи иного класса' } }],
    ['SIGN_ACCEPT_REFUSAL', sign('12-о')],
  ]);
  await drive(engine, store, 'grant', company(grantSubmission()), [
    ['REGISTER'],
    ['CHECK_SIGNATURE', VALID_SIGNATURE],
    ['SUBMIT_REQUESTS', { requests: { items: [{ recipient: 'treasury', channel: 'smev' }] } }],
    ['SIGN_REQUESTS'],
    ['RECORD_RESPONSES', { responses: { items: [{ recipient: 'treasury', receivedOn: '2025-03-04', summary: 'Сведений нет' }] } }],
    ['CHECK_COMPLETENESS', { completeness: { result: 'groundsFound', grounds: ['feeNotPaid'], findings: 'Нет сведений об уплате' } }],
    ['SUBMIT_DECISION', { draft: { decision: 'refuse', grounds: ['feeNotPaid'], justification: 'Сведения об уплате пошлины отсутствуют' } }],
    ['SIGN_DECISION', sign('124-л')],
    ['NOTIFY'],
  ]);
  const contacts = (s: ReturnType<typeof amendSubmission>) => ({ ...s, applicant: { ...s.applicant, name: NAME } });
  const amendSteps = (draft: unknown, fee: object = {}): [string, unknown?][] => [['REGISTER', { fee }], ['CHECK_SIGNATURE', VALID_SIGNATURE], ['CHECK_COMPLETENESS', { completeness: { result: 'complete' } }], ['SUBMIT_DECISION', draft], ['SIGN_DECISION', sign('130-л')], ['NOTIFY']];
  await drive(engine, store, 'amend', contacts(amendSubmission(licence)), amendSteps({ draft: { decision: 'approve' } }, { authorityError: true, errorDescription: 'В реестр внесен номер телефона с опечаткой' }));
  await drive(engine, store, 'amend', contacts(amendSubmission(licence)), amendSteps({ draft: { decision: 'refuse', grounds: ['infoUnreliable'], justification: 'Номер телефона не подтвержден' } }));
  const info = (request: object) => ({ ...infoSubmission(licence), licence: { number: licence, licenseeName: NAME }, request: { infoKind: 'extract', deliveryMethod: 'personalAccount', ...request } });
  await drive(engine, store, 'info', info({}), [['REGISTER'], ['SEND_INFO', { reply: { result: 'absence' } }]]);
  await drive(engine, store, 'info', info({ infoKind: 'orderCopy' }), [
    ['REGISTER'],
    ['SEND_INFO', { reply: { result: 'orderCopy', orderNumber: '123-л', orderDate: '2025-03-20', orderCopy: file('order.pdf') } }],
  ]);
  await drive(engine, store, 'info', info({}), [['REGISTER'], ['SEND_INFO', { reply: { result: 'refuse', grounds: ['infoNotProvided'] } }]]);
  const complaint = (over: Record<string, unknown> = {}) => {
    const c = complaintSubmission(granted.id, over);
    return { ...c, complainant: { ...c.complainant, name: NAME } };
  };
  await drive(engine, store, 'complaint', complaint(), [
    ['ACCEPT', { acceptance: { decision: 'refuse', grounds: ['courtDecision'], reasons: 'Решение суда по делу № А13-1/2025' } }],
    ['SIGN_REFUSAL', sign('5-ж')],
  ]);
  await drive(engine, store, 'complaint', complaint(), [
    ['ACCEPT', { acceptance: { decision: 'consider', newArguments: true } }],
    ['REQUEST_INFO', { request: { text: 'Копию уведомления о регистрации' } }],
    ['PROVIDE_INFO', { answer: { text: 'Прилагаю' } }],
    ['SUBMIT_COMPLAINT_DECISION', { draft: { decision: 'reject', reasons: 'Срок регистрации соблюден' } }],
    ['SIGN_DECISION', sign('6-ж')],
    ['NOTIFY'],
  ]);
  await drive(engine, store, 'complaint', complaint(), [['WITHDRAW', { statement: { text: 'Отзываю жалобу' } }]]);
  await drive(
    engine,
    store,
    'control-check',
    { basis: { kind: 'planned', plan: 'План работы на первое полугодие 2025 года' }, scope: { periodFrom: '2025-01-01', periodTo: '2025-03-03', applications: [{ application: granted.id }] } },
    [['RECORD_ACT', { act: { actDate: '2025-03-05', violationsFound: false }, signer: { name: 'И. П. Смирнов', position: 'Главный специалист' } }]],
    controller,
  );
  // 3.1.5: a withdrawal made in person, recorded by the officer.
  await drive(engine, store, 'grant', company(grantSubmission()), [
    ['REGISTER'],
    ['WITHDRAW_IN_PERSON', { statement: { receivedOn: '2025-03-03', person: 'Смирнов П. И.', document: file('zayavlenie.pdf') } }],
  ]);
  await drive(engine, store, 'terminate', company(terminateSubmission(licence)), [
    ['REGISTER'],
    ['SUBMIT_TERMINATION_ORDER', { order: { applicationChecked: true } }],
    ['SIGN_TERMINATION_ORDER', sign('140-л')],
    ['SUBMIT_NOTICE'],
    ['SIGN_NOTICE', sign('141-у', true)],
    ['SEND_NOTICE'],
  ]);
});

/** The document's text without markup, its whitespace collapsed. */
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('every document of the region', () => {
  it('is rendered along the paths above', () => {
    expect([...rendered.keys()].sort()).toEqual(Object.keys(config.templates).sort());
  });

  it('puts every name after a label, never after a verb that would need it declined', () => {
    // The company files grants, changes and terminations; a private person asks for information about it.
    const names = [NAME, infoSubmission('').applicant.name];
    for (const [template, html] of rendered) {
      const plain = text(html);
      let found = 0;
      for (const name of names) {
        for (let at = plain.indexOf(name); at >= 0; at = plain.indexOf(name, at + 1)) {
          found++;
          const before = plain.slice(0, at).trimEnd();
          // A label («Заявитель:», «(лицензиат:») or the extract's «Лицензиат» row heading.
          expect(/:$/.test(before) || /Лицензиат$/.test(before), `${template}: «…${before.slice(-60)}» ${name}`).toBe(true);
        }
      }
      // The control act (4.3) is about the Department's work, not about an applicant.
      if (template !== 'control-act') expect(found, `${template} names the applicant or the licensee`).toBeGreaterThan(0);
    }
  });
});

describe('documents the head signs', () => {
  const signed = ['refusal-to-accept', 'order-assessment', 'order-grant', 'order-grant-refusal', 'order-amend', 'order-amend-refusal', 'order-termination', 'notice-termination', 'complaint-refusal', 'complaint-decision'];

  it('show the signer, the position and the certificate recorded at signing', () => {
    for (const template of signed) {
      const plain = text(rendered.get(template)!);
      expect(plain, template).toContain('Документ подписан электронной подписью');
      expect(plain, template).toContain(`Сертификат: ${CERTIFICATE.serial}`);
      expect(plain, template).toContain(`Владелец: ${CERTIFICATE.owner}`);
      expect(plain, template).toContain('Действителен с 01.11.2024 по 01.02.2026');
      expect(plain, template).toMatch(/(Начальник Департамента|Исполняющий обязанности начальника Департамента) А\. С\. Петрова/);
    }
  });

  it('say «Исполняющий обязанности» exactly when the signing form says so', () => {
    expect(text(rendered.get('order-grant')!)).toContain('Исполняющий обязанности начальника Департамента А. С. Петрова');
    expect(text(rendered.get('notice-termination')!)).toContain('Исполняющий обязанности начальника Департамента А. С. Петрова');
    expect(text(rendered.get('order-grant-refusal')!)).toContain('Начальник Департамента А. С. Петрова');
    expect(text(rendered.get('order-grant-refusal')!)).not.toContain('Исполняющий обязанности');
  });
});

describe('notices of the decision (3.1.1–3.1.3)', () => {
  it('link to the licence in the registry published on the Internet', () => {
    for (const template of ['notice-grant', 'notice-amend', 'notice-termination']) {
      const html = rendered.get(template)!;
      expect(html, template).toMatch(new RegExp(`<a href="${PUBLIC_URL}/#/r/vologda/registry/2025-\\d+">`));
    }
  });
});

describe('the assessment act (3.2.2.7)', () => {
  it('states the subject, form, places and result, and names no inspector', () => {
    const plain = text(rendered.get('assessment-act')!);
    expect(plain).toContain('Предмет оценки: состояние производственных объектов, технических средств, оборудования');
    expect(plain).toContain('Форма оценки: выездная оценка');
    expect(plain).toContain('г. Вологда, ул. Промышленная, д. 5');
    expect(plain).toContain('Результат оценки: заявитель соответствует лицензионным требованиям');
    expect(plain).not.toContain('Сидоров');
  });
});
