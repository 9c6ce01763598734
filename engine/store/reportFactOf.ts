import type { ApplicationRecord, ReportFact } from '../api.ts';

/** What reports read of an application: no submission, the history as moves between steps. */
export function reportFactOf(app: ApplicationRecord): ReportFact {
  return {
    id: app.id,
    service: app.service,
    configVersion: app.configVersion,
    state: app.state,
    final: app.final,
    outcome: app.outcome,
    receivedAt: app.receivedAt,
    stepDue: app.stepDue,
    assignee: app.assignee ?? null,
    moves: app.history.filter((h) => !h.event.startsWith('@')).map((h) => ({ at: h.at, from: h.from, to: h.to })),
  };
}
