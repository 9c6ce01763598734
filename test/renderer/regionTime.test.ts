/**
 * Instants on an application's page (receipt, history, documents) are written in the region's time
 * zone (region.yaml `timezone`), not the browser's: a filing at 00:30 on 1 January in Moscow is shown on
 * 1 January, also to a reader whose browser is in UTC, where it was still 31 December (rendered to
 * markup with react-dom/server, the components the page uses, under RegionTime).
 *
 * The instant 2025-12-31T21:30:00Z is 00:30 on 1 January 2026 in Europe/Moscow (UTC+3, no DST since
 * 2014), 02:30 in Asia/Yekaterinburg (UTC+5), and 21:30 on 31 December in UTC.
 */
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { procedureTitles } from '../../renderer/src/api/procedureTitles.ts';
import type { ApplicationBody } from '../../renderer/src/api/types.ts';
import { DocumentList } from '../../renderer/src/components/DocumentList.tsx';
import { HistoryTimeline } from '../../renderer/src/components/HistoryTimeline.tsx';
import { StepSummary } from '../../renderer/src/components/StepSummary.tsx';
import { RegionTime } from '../../renderer/src/format/RegionTime.tsx';
import { rememberTimeZone } from '../../renderer/src/format/regionTimeZones.ts';
import { applicationRecord } from '../store/records.ts';

const AT = '2025-12-31T21:30:00.000Z';
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const titles = procedureTitles(undefined, 'svc');

// What the page learns from GET /api/regions/:region (endpoints.ts remembers it).
rememberTimeZone('moscow-region', 'Europe/Moscow');
rememberTimeZone('ural-region', 'Asia/Yekaterinburg');

const markup = (region: string, node: ReactNode) => renderToStaticMarkup(createElement(RegionTime, { region, children: node }));
const render = (region: string, node: ReactNode) => text(markup(region, node));

function view(): ApplicationBody {
  const { snapshot: _snapshot, ...record } = applicationRecord();
  const application = {
    ...record,
    receivedAt: AT,
    history: [{ seq: 1, at: AT, actor: { userId: 'applicant', roles: ['applicant'] }, event: 'SUBMIT', from: null, to: 's', payloadHash: '' }],
    documents: [{ id: 'doc-1', template: 'notice', title: 'Уведомление', createdAt: AT }],
  } as unknown as ApplicationBody['application'];
  return { application, step: { id: 's', title: 'Шаг', role: 'officer', overdue: false, due: null }, phases: [], suspended: null, allowedEvents: [], unavailableEvents: [] };
}

describe("instants in the region's time zone", () => {
  it('writes receipt, history and documents in Moscow time for a region in Moscow', () => {
    const v = view();
    expect(render('moscow-region', createElement(StepSummary, { view: v, titles }))).toContain('Поступило 1 января 2026 г. в 00:30');
    expect(render('moscow-region', createElement(HistoryTimeline, { history: v.application.history, titles }))).toContain('1 января 2026 г. в 00:30');
    expect(render('moscow-region', createElement(DocumentList, { documents: v.application.documents }))).toContain('Уведомление от 1 января 2026 г. в 00:30');
  });

  it("writes the same instant in the other region's own time", () => {
    const v = view();
    expect(render('ural-region', createElement(HistoryTimeline, { history: v.application.history, titles }))).toContain('1 января 2026 г. в 02:30');
    // The zone is named on the element, for a reader elsewhere.
    expect(markup('ural-region', createElement(DocumentList, { documents: v.application.documents }))).toContain(
      `<time dateTime="${AT}" title="Asia/Yekaterinburg">`,
    );
  });
});
