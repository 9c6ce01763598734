/**
 * What the applicant and the officer read about time on an application's page: the open phases with
 * their due dates and clauses, and «срок приостановлен с …» while the clocks stand (rendered to markup
 * with react-dom/server, the components the page uses).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ApplicationBody } from '../../renderer/src/api/types.ts';
import { procedureTitles } from '../../renderer/src/api/procedureTitles.ts';
import { HistoryTimeline } from '../../renderer/src/components/HistoryTimeline.tsx';
import { StepSummary } from '../../renderer/src/components/StepSummary.tsx';
import { applicationRecord } from '../store/records.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const titles = procedureTitles(undefined, 'svc');

function view(over: Partial<ApplicationBody>): ApplicationBody {
  const { snapshot: _snapshot, ...application } = applicationRecord();
  return {
    application,
    step: { id: 'awaitingInfo', title: 'Ожидание сведений от заявителя', role: 'officer', overdue: false, due: { date: '2026-02-11', provisional: false } },
    phases: [],
    suspended: null,
    allowedEvents: [],
    ...over,
  };
}

describe('time on the application page', () => {
  it('says that the term stands, since when and at most until when, with the clause', () => {
    const html = text(
      renderToStaticMarkup(
        createElement(StepSummary, {
          view: view({ suspended: { since: '2026-02-04', until: '2026-02-11', deadlines: [{ id: 'consideration', title: 'Рассмотрение жалобы' }], clause: '5.10' } }),
          titles,
        }),
      ),
    );
    expect(html).toMatch(/Срок приостановлен с 4 февраля 2026 г\. \(не более чем до 11 февраля 2026 г\.\): Рассмотрение жалобы \(п\. 5\.10\)/);
  });

  it('lists each open phase with its clause and due date, overdue in words', () => {
    const html = text(
      renderToStaticMarkup(
        createElement(StepSummary, {
          view: view({
            phases: [
              { id: 'review', title: 'Рассмотрение заявления', clause: '3.2.2.11', startedOn: '2025-03-03', due: { date: '2025-04-18', provisional: false }, overdue: true, suspendedSince: null },
              { id: 'other', title: 'Другая процедура', clause: '3.3.2.11', startedOn: '2025-03-03', due: { date: '2025-03-14', provisional: false }, overdue: false, suspendedSince: '2025-03-05' },
            ],
          }),
          titles,
        }),
      ),
    );
    expect(html).toContain('Рассмотрение заявления (п. 3.2.2.11) до 18 апреля 2025 г. Просрочено');
    expect(html).toContain('Другая процедура (п. 3.3.2.11) срок приостановлен с 5 марта 2025 г.');
  });

  it('marks in the history the moments the clocks stopped and ran again', () => {
    const at = '2026-02-04T09:00:00.000Z';
    const history = [
      { seq: 2, at, actor: { userId: 'o', roles: ['officer'] }, event: 'REQUEST_INFO', from: 'review', to: 'awaitingInfo', payloadHash: '', clocks: { stopped: ['consideration'] } },
      { seq: 3, at, actor: { userId: 'o', roles: ['officer'] }, event: 'INFO_RECEIVED', from: 'awaitingInfo', to: 'review', payloadHash: '', clocks: { restarted: ['consideration'] } },
    ];
    const html = text(renderToStaticMarkup(createElement(HistoryTimeline, { history, titles })));
    expect(html).toMatch(/REQUEST_INFO → awaitingInfo Течение срока приостановлено/);
    expect(html).toMatch(/INFO_RECEIVED → review Течение срока возобновлено/);
  });
});
