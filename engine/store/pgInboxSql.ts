/**
 * The PostgreSQL store's inbox queries, the SQL twin of engine/store/inbox/InboxIndex.ts: the same
 * filters, the same order (sortKeys.ts: nulls last going up, first going down, the id breaking ties),
 * every value a parameter.
 *
 * A page walks the index of its sort column (region, final, key, id) and stops after offset + limit
 * rows; when open and finished cases are both wanted, each half is walked and the two merged, so no
 * query sorts the region. The count reads at most INBOX_COUNT_LIMIT + 1 matching index entries.
 */
import { INBOX_COUNT_LIMIT, type InboxQuery, type InboxSort } from '../api.ts';
import { searchWords } from '../inbox/searchText.ts';
import { pageBounds } from './pgQueries.ts';
import { encodeText as t } from './pgText.ts';

/** The column each sort order walks. */
export const SORT_COLUMNS: Readonly<Record<InboxSort, string>> = {
  number: 'number',
  applicant: 'applicant_key',
  service: 'service_key',
  step: 'step_key',
  stepDue: 'step_due',
  phaseDue: 'phase_due',
  serviceDue: 'service_due',
  receivedAt: 'received_at',
};

export interface InboxSql {
  readonly page: { readonly text: string; readonly values: unknown[] };
  readonly count: { readonly text: string; readonly values: unknown[] };
}

export function inboxSql(table: string, query: InboxQuery): InboxSql {
  const values: unknown[] = [];
  const p = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const where: string[] = [`region = ${p(t(query.region))}`];
  // A service's steps are the step_id range "service/" up to "service0" ("0" follows "/"): the step index counts them.
  if (query.service !== undefined) where.push(`service = ${p(t(query.service))} AND step_id >= ${p(`${t(query.service)}/`)} AND step_id < ${p(`${t(query.service)}0`)}`);
  if (query.state !== undefined) where.push(`state = ${p(t(query.state))}`);
  // step_id is service || '/' || state (ids never hold "/"): one array parameter, cheap to plan.
  if (query.steps !== undefined) where.push(`step_id = ANY(${p(query.steps.map((s) => t(`${s.service}/${s.state}`)))}::text[])`);
  if (query.assignee !== undefined) where.push(`assignee = ${p(t(query.assignee))}`);
  if (query.applicantId !== undefined) where.push(`applicant_id = ${p(t(query.applicantId))}`);
  // Overdue once the day after the due date has begun; a NULL due date is never overdue.
  if (query.overdueOn !== undefined) where.push(`step_due < ${p(t(query.overdueOn))}`);
  // Words hold letters and digits only (searchText.ts), so none needs escaping for LIKE.
  for (const word of searchWords(query.text)) where.push(`search_text LIKE ${p(`%${t(word)}%`)}`);

  const { limit, offset } = pageBounds(query);
  const column = SORT_COLUMNS[query.sort];
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  const order = `${column} ${direction}, id ${direction}`;
  const conditions = where.join(' AND ');
  const lim = p(limit);
  const off = p(offset);
  const half = (final: boolean) =>
    `(SELECT row, ${column}, id FROM ${table} WHERE ${conditions} AND ${final ? 'final' : 'NOT final'} ORDER BY ${order} LIMIT ${limit === null ? 'ALL' : `${lim}::bigint + ${off}::bigint`})`;
  // "NOT final" rather than "final = false": the form the partial indexes of «Мои задачи» are written in.
  const page =
    query.final !== undefined
      ? `SELECT row::text AS row FROM ${table} WHERE ${conditions} AND ${query.final ? 'final' : 'NOT final'} ORDER BY ${order} LIMIT ${lim} OFFSET ${off}`
      : `SELECT row::text AS row FROM (${half(false)} UNION ALL ${half(true)}) AS both_halves ORDER BY ${order} LIMIT ${lim} OFFSET ${off}`;

  const countValues = values.slice(0, values.length - 2);
  const finalCondition = query.final !== undefined ? ` AND ${query.final ? 'final' : 'NOT final'}` : '';
  const count = `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${table} WHERE ${conditions}${finalCondition} LIMIT ${INBOX_COUNT_LIMIT + 1}) AS counted`;
  return { page: { text: page, values }, count: { text: count, values: countValues } };
}
