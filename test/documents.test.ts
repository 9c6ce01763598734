import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import type { ApplicationRecord } from '../engine/api.ts';
import { compiledTemplates } from '../engine/documents/compiledTemplates.ts';
import { documentContext } from '../engine/documents/documentContext.ts';
import { formatDate, formatMoney } from '../engine/documents/helpers.ts';
import { renderDocument } from '../engine/documents/renderDocument.ts';
import { applicationRecord, licenceRecord } from './store/storeContract.ts';
import { makeRegion } from './helpers/regionFactory.ts';

const template = (id: string, source: string, kind: 'notice' | 'extract' = 'notice') => ({ id, title: `Документ ${id}`, file: `${id}.hbs`, kind, source });

const region = makeRegion({
  templates: {
    notice: template(
      'notice',
      '<p>{{application.submission.applicant.name}} от {{date application.registeredOn}}: {{money application.fee.amount}}</p>' +
        '{{#if (eq application.outcome "refused")}}<ul>{{#each decision.grounds}}<li>{{title}} (п. {{clause}})</li>{{/each}}</ul>{{/if}}',
    ),
    extract: template('extract', '<table>{{#each attributes}}<tr><th>{{title}}</th><td>{{value}}</td></tr>{{/each}}</table>', 'extract'),
  },
  registry: {
    title: 'Реестр',
    numbering: { pattern: 'L-{seq}' },
    attributes: [
      { id: 'name', title: 'Наименование', from: 'submission.applicant.name' },
      { id: 'inn', title: 'ИНН', from: 'submission.applicant.inn' },
    ],
  },
  forms: [
    {
      id: 'decision',
      title: 'Решение',
      sections: [{ id: 'result', title: 'Итог', fields: [{ id: 'grounds', type: 'grounds', title: 'Основания', group: 'refuse' }] }],
    },
  ],
  refusals: [
    {
      id: 'refuse',
      title: 'Основания для отказа',
      grounds: [
        { id: 'incomplete', title: 'Неполные сведения', clause: '2.9.1' },
        { id: 'untrue', title: 'Недостоверные <сведения>', clause: '2.9.2' },
      ],
    },
  ],
  procedures: {
    proc: { id: 'proc', title: 'П', initial: 'a', events: { DECIDE: { title: 'Решить', roles: ['officer'], payload: 'decision' } }, states: { a: {} } },
  },
});

const app = (over: Partial<ApplicationRecord> = {}) =>
  applicationRecord({ service: 'svc', submission: { applicant: { name: '<script>alert(1)</script> & Co', inn: '7707083893' } }, ...over });

describe('renderDocument', () => {
  it('renders a full HTML page with every value escaped', () => {
    const html = renderDocument(region, 'notice', documentContext(region, { application: app(), licence: null, today: '2025-01-20' }));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Документ notice</title>');
    expect(html).toContain('@media print');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co от 09.01.2025: 0\u00a0руб.');
    expect(html).not.toContain('<script>');
  });

  it('quotes the refusal grounds selected in event payloads, from refusals.yaml', () => {
    const refused = app({ outcome: 'refused', data: { DECIDE: { result: { grounds: ['untrue', 'incomplete', 'unknown', 'untrue'] } } } });
    const html = renderDocument(region, 'notice', documentContext(region, { application: refused, licence: null, today: '2025-01-20' }));
    expect(html).toContain('<ul><li>Недостоверные &lt;сведения&gt; (п. 2.9.2)</li><li>Неполные сведения (п. 2.9.1)</li></ul>');
  });

  it('lists a licence’s registry attributes in registry order for an extract', () => {
    const licence = licenceRecord({ attributes: { inn: '7707083893', name: 'ООО «Ромашка»', stray: 'x' } });
    const html = renderDocument(region, 'extract', documentContext(region, { application: null, licence, today: '2025-01-20' }));
    expect(html).toContain('<table><tr><th>Наименование</th><td>ООО «Ромашка»</td></tr><tr><th>ИНН</th><td>7707083893</td></tr></table>');
  });

  it('refuses a template that prints unescaped output, and an unknown template', () => {
    const raw = makeRegion({ templates: { t: template('t', '<p>{{{application.id}}}</p>') } });
    expect(() => renderDocument(raw, 't', documentContext(raw, { application: null, licence: null, today: '2025-01-01' }))).toThrow(/unescaped/);
    const amp = makeRegion({ templates: { t: template('t', '<p>{{& application.id}}</p>') } });
    expect(() => compiledTemplates(amp)).toThrow(/unescaped/);
    expect(() => renderDocument(region, 'missing', documentContext(region, { application: null, licence: null, today: '2025-01-01' }))).toThrow(/no document template "missing"/);
  });

  it('compiles a config version’s templates once, on an instance of its own', () => {
    expect(compiledTemplates(region)).toBe(compiledTemplates(region));
    expect(Handlebars.helpers.money).toBeUndefined();
  });
});

describe('document helpers', () => {
  it('formats dates and money the Russian way', () => {
    expect(formatDate('2025-01-09')).toBe('09.01.2025');
    expect(formatDate('2024-12-27T17:30:00+03:00')).toBe('27.12.2024');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('9 января')).toBe('');
    expect(formatMoney(7500)).toBe('7\u00a0500\u00a0руб.');
    expect(formatMoney(1234567.5)).toBe('1\u00a0234\u00a0567,50\u00a0руб.');
    expect(formatMoney(0)).toBe('0\u00a0руб.');
    expect(formatMoney('7500')).toBe('');
  });
});
