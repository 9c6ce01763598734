/**
 * A small licensing region for engine tests: registration → review → signing by the head → notification
 * → granted (or refused / withdrawn), in Moscow time with office hours and the real federal calendar.
 *
 *   registration  officer  REGISTER                 1 working day, the registration day itself
 *   review        officer  REVIEW {decision}        5 working days from the step's start (guards on the decision)
 *   signing       head     SIGN                     2 working days from the step's start
 *   refusalSigning head    SIGN → refused (renders the refusal)
 *   notification  officer  NOTIFY → granted         3 working days from the decision (milestone), renders the
 *                                                   notice and issues the licence
 *   any non-final state: WITHDRAW (applicant) → withdrawn
 *
 * Two registry services act on an issued licence: "amend" (officer APPROVE: amendLicence sets the name)
 * and "close" (head SIGN: terminateLicence on the date asked for, if later than the decision).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { CalendarYearFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { makeRegion, makeService } from './regionFactory.ts';

const federalYear = (year: number): CalendarYearFile =>
  parse(readFileSync(new URL(`../../regions/_shared/calendar/${year}.yaml`, import.meta.url), 'utf8')) as CalendarYearFile;

const template = (id: string, title: string, source: string, kind: 'notice' | 'extract' = 'notice') => ({ id, title, file: `${id}.hbs`, kind, source });

export function licensingRegion(over: { version?: string; reviewDays?: number; id?: string } = {}): RegionConfig {
  const id = over.id ?? 'north';
  const version = over.version ?? 'v1';
  const base = makeRegion();
  return makeRegion({
    id,
    version,
    dir: `/nonexistent/regions/${id}`,
    files: { 'region.yaml': `id: ${id}\n# ${version}\n` },
    region: {
      ...base.region,
      id,
      title: 'Северная область',
      authority: { title: 'Департамент лицензирования Северной области', shortTitle: 'Департамент' },
      timezone: 'Europe/Moscow',
      workingHours: { periods: [{ days: [1, 2, 3, 4], from: '09:00', to: '18:00' }, { days: [5], from: '09:00', to: '16:45' }] },
      services: ['licence', 'amend', 'close'],
    },
    calendar: { federal: { 2024: federalYear(2024), 2025: federalYear(2025), 2026: federalYear(2026) }, overlay: {} },
    roles: {
      applicant: { id: 'applicant', title: 'Заявитель', applicant: true },
      officer: { id: 'officer', title: 'Специалист', inbox: true },
      head: { id: 'head', title: 'Начальник Департамента', inbox: true },
      support: { id: 'support', title: 'Служба поддержки' },
    },
    services: [
      makeService({ id: 'licence', title: 'Выдача лицензии', form: 'application', procedure: 'licensing', deadline: [{ use: 'total' }], fee: [{ use: 'duty' }] }),
      makeService({ id: 'amend', title: 'Изменение сведений', form: 'licenceChange', procedure: 'amending', deadline: [{ use: 'total' }] }),
      makeService({ id: 'close', title: 'Прекращение лицензии', form: 'licenceChange', procedure: 'closing', deadline: [{ use: 'total' }] }),
    ],
    fees: [{ id: 'duty', title: 'Госпошлина', values: [{ from: '2024-01-01', amount: 7500, clause: '2.10' }] }],
    deadlines: [
      { id: 'total', title: 'Срок услуги', workingDays: 10, from: 'registration', clause: '2.4' },
      { id: 'registration', title: 'Регистрация', workingDays: 1, from: 'registration', sameDay: true, clause: '3.1' },
      { id: 'review', title: 'Рассмотрение', workingDays: over.reviewDays ?? 5, from: 'stepStart', clause: '3.2' },
      { id: 'signing', title: 'Подписание', workingDays: 2, from: 'stepStart', clause: '3.3' },
      { id: 'notify', title: 'Уведомление', workingDays: 3, from: 'decision', clause: '3.4' },
    ],
    rules: [
      { id: 'approve', when: { '==': [{ var: 'payload.result.decision' }, 'approve'] } },
      { id: 'refuse', when: { '==': [{ var: 'payload.result.decision' }, 'refuse'] } },
    ],
    refusals: [
      {
        id: 'refuse',
        title: 'Основания для отказа',
        grounds: [
          { id: 'incomplete', title: 'Неполные сведения', clause: '2.9.1' },
          { id: 'untrue', title: 'Недостоверные сведения', clause: '2.9.2' },
        ],
      },
    ],
    forms: [
      {
        id: 'application',
        title: 'Заявление о выдаче лицензии',
        sections: [
          {
            id: 'applicant',
            title: 'Заявитель',
            fields: [
              { id: 'name', type: 'string', title: 'Наименование', required: true },
              { id: 'inn', type: 'inn', title: 'ИНН', required: true },
              { id: 'phone', type: 'phone', title: 'Телефон' },
            ],
          },
        ],
      },
      {
        id: 'licenceChange',
        title: 'Заявление о лицензии',
        sections: [
          { id: 'applicant', title: 'Заявитель', fields: [{ id: 'name', type: 'string', title: 'Наименование', required: true }] },
          {
            id: 'licence',
            title: 'Лицензия',
            fields: [
              { id: 'number', type: 'string', title: 'Номер лицензии', required: true },
              { id: 'endDate', type: 'date', title: 'Прекратить с' },
            ],
          },
        ],
      },
      {
        id: 'review',
        title: 'Итог рассмотрения',
        sections: [
          {
            id: 'result',
            title: 'Итог',
            fields: [
              {
                id: 'decision',
                type: 'enum',
                title: 'Решение',
                required: true,
                options: [
                  { value: 'approve', title: 'Выдать' },
                  { value: 'refuse', title: 'Отказать' },
                  { value: 'defer', title: 'Отложить' },
                ],
              },
              { id: 'grounds', type: 'grounds', title: 'Основания', group: 'refuse' },
            ],
          },
        ],
      },
    ],
    procedures: {
      licensing: {
        id: 'licensing',
        title: 'Выдача лицензии',
        initial: 'registration',
        events: {
          REGISTER: { title: 'Зарегистрировать', roles: ['officer'] },
          REVIEW: { title: 'Внести итог рассмотрения', roles: ['officer'], payload: 'review' },
          SIGN: { title: 'Подписать', roles: ['head'] },
          NOTIFY: { title: 'Уведомить', roles: ['officer'] },
          WITHDRAW: { title: 'Отозвать заявление', roles: ['applicant'] },
        },
        on: { WITHDRAW: { target: 'withdrawn' } },
        states: {
          registration: { title: 'Регистрация', role: 'officer', deadline: 'registration', on: { REGISTER: { target: 'review' } } },
          review: {
            title: 'Рассмотрение',
            role: 'officer',
            deadline: 'review',
            on: { REVIEW: [{ target: 'signing', guard: 'approve' }, { target: 'refusalSigning', guard: 'refuse' }] },
          },
          signing: { title: 'Подписание решения', role: 'head', deadline: 'signing', on: { SIGN: { target: 'notification' } } },
          refusalSigning: {
            title: 'Подписание отказа',
            role: 'head',
            deadline: 'signing',
            on: { SIGN: { target: 'refused', actions: [{ type: 'renderDocument', params: { template: 'refusal' } }] } },
          },
          notification: {
            title: 'Уведомление заявителя',
            role: 'officer',
            deadline: 'notify',
            milestone: 'decision',
            on: {
              // The notice is listed first and still quotes the licence: registry effects run first.
              NOTIFY: { target: 'granted', actions: [{ type: 'renderDocument', params: { template: 'notice' } }, { type: 'issueLicence' }] },
            },
          },
          granted: { type: 'final', title: 'Лицензия выдана', outcome: 'granted' },
          refused: { type: 'final', title: 'Отказано', outcome: 'refused' },
          withdrawn: { type: 'final', title: 'Отозвано', outcome: 'withdrawn' },
        },
      },
      amending: {
        id: 'amending',
        title: 'Изменение сведений',
        initial: 'review',
        events: { APPROVE: { title: 'Внести изменения', roles: ['officer'] } },
        states: {
          review: {
            title: 'Рассмотрение',
            role: 'officer',
            deadline: 'review',
            on: { APPROVE: { target: 'amended', actions: [{ type: 'amendLicence', params: { licence: 'submission.licence.number', set: { name: 'submission.applicant.name' } } }] } },
          },
          amended: { type: 'final', title: 'Изменено', outcome: 'amended' },
        },
      },
      closing: {
        id: 'closing',
        title: 'Прекращение лицензии',
        initial: 'review',
        events: { SIGN: { title: 'Подписать приказ', roles: ['head'] } },
        states: {
          review: {
            title: 'Подготовка приказа',
            role: 'head',
            deadline: 'review',
            on: {
              SIGN: {
                target: 'closed',
                actions: [
                  { type: 'terminateLicence', params: { licence: 'submission.licence.number', effectiveDate: 'submission.licence.endDate' } },
                  { type: 'renderDocument', params: { template: 'closure' } },
                ],
              },
            },
          },
          closed: { type: 'final', title: 'Прекращена', outcome: 'terminated', milestone: 'decision' },
        },
      },
    },
    registry: {
      title: 'Реестр лицензий',
      numbering: { pattern: 'ЛИЦ-{year}-{seq}', digits: 4 },
      attributes: [
        { id: 'name', title: 'Наименование', from: 'submission.applicant.name', searchable: true },
        { id: 'inn', title: 'ИНН', from: 'submission.applicant.inn', searchable: true },
        { id: 'phone', title: 'Телефон', from: 'submission.applicant.phone', public: false },
      ],
    },
    templates: {
      notice: template(
        'notice',
        'Уведомление о выдаче лицензии',
        '<p>{{region.authority.title}} уведомляет {{application.submission.applicant.name}}: по заявлению от {{date application.registeredOn}} выдана лицензия № {{licence.number}}; пошлина {{money application.fee.amount}}.</p>',
      ),
      closure: template('closure', 'Уведомление о прекращении', '<p>Лицензия № {{licence.number}} прекращена с {{date licence.terminatedOn}}.</p>'),
      refusal: template('refusal', 'Уведомление об отказе', '<ul>{{#each decision.grounds}}<li>{{title}} (п. {{clause}})</li>{{/each}}</ul>'),
      extract: template('extract', 'Выписка из реестра', '<p>№ {{licence.number}}</p><table>{{#each attributes}}<tr><th>{{title}}</th><td>{{value}}</td></tr>{{/each}}</table>', 'extract'),
    },
  });
}
