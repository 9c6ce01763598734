/**
 * The SQL of the PostgreSQL store's two list queries, built from the query objects with every value
 * a parameter. They mirror selectApplications and selectLicences (the in-memory stores' versions), so
 * every store filters and orders alike.
 */
import type { ApplicationQuery, LicenceQuery } from '../api.ts';
import { searchWords } from '../inbox/searchText.ts';
import { encodeJson, encodeText as t } from './pgText.ts';

/** A page query in parts: the caller adds ORDER BY, LIMIT and OFFSET after `select`. */
export interface Sql {
  /** SELECT record::text AS record, count(*) OVER () AS total FROM … WHERE … */
  readonly select: string;
  readonly orderBy: string;
  /** SELECT count(*) AS total FROM … WHERE …, for a page past the end (no rows to carry the total). */
  readonly count: string;
  readonly params: readonly unknown[];
}

/**
 * Inbox order: earliest step due date first, which puts every overdue step first and steps with no
 * due date last; then the time received; the id makes pages stable. Due dates are ISO text compared
 * in "C" collation, exactly as the other stores compare the strings.
 */
export function applicationListSql(table: string, query: ApplicationQuery): Sql {
  const where = new Where(t(query.region), 'region');
  if (query.service !== undefined) where.add('service = ?', t(query.service));
  if (query.state !== undefined) where.add('state = ?', t(query.state));
  if (query.applicantId !== undefined) where.add('applicant_id = ?', t(query.applicantId));
  if (query.final !== undefined) where.add('final = ?', query.final === true);
  // Overdue once the day after the due date has begun; a NULL due date compares as unknown, i.e. not overdue.
  if (query.overdueOn !== undefined) where.add('step_due < ?', t(query.overdueOn));
  return where.sql(table, 'step_due ASC NULLS LAST, received_at ASC, id ASC');
}

/** Exact number, status and attribute match (attribute values compared as text), in issue order. */
export function licenceSearchSql(table: string, query: LicenceQuery): Sql {
  const where = new Where(t(query.region), 'region');
  if (query.number !== undefined) where.add('number = ?', t(query.number));
  if (query.status !== undefined) where.add('status = ?', query.status);
  if (query.attribute !== undefined) {
    // Containment on the GIN-indexed `search` column; fromEntries keeps a key like "__proto__" a plain key.
    where.add('search @> ?::jsonb', encodeJson(Object.fromEntries([[query.attribute.id, String(query.attribute.value)]])));
  }
  // Each word in the number or in one of the attributes the query names (normalized at write: search_norm).
  for (const word of searchWords(query.text)) {
    const pattern = `%${t(word)}%`;
    where.addAll(
      `(${['#', ...(query.textAttributes ?? [])].map(() => `search_norm->>? LIKE ?`).join(' OR ')})`,
      ['#', ...(query.textAttributes ?? [])].flatMap((attribute) => [t(attribute), pattern]),
    );
  }
  return where.sql(table, 'issued_on ASC, number ASC');
}

/**
 * LIMIT and OFFSET as PostgreSQL accepts them (it rejects negatives with an error): fractions are
 * cut, negative or NaN counts as 0, an infinite limit is no limit (null = ALL). The server validates
 * paging before it gets here; this only keeps a bad value from becoming a database error.
 */
export function pageBounds(query: { readonly limit: number; readonly offset: number }): { limit: number | null; offset: number } {
  const whole = (n: number) => (Number.isNaN(n) ? 0 : Math.max(0, Math.trunc(n)));
  const limit = query.limit === Infinity ? null : Math.min(whole(query.limit), Number.MAX_SAFE_INTEGER);
  const offset = Math.min(whole(query.offset), Number.MAX_SAFE_INTEGER);
  return { limit, offset };
}

/** WHERE clauses joined by AND, "?" numbered as $n in order. */
class Where {
  readonly #clauses: string[] = [];
  readonly #params: unknown[] = [];

  constructor(region: string, column: string) {
    this.add(`${column} = ?`, region);
  }

  add(clause: string, value: unknown): void {
    this.#params.push(value);
    this.#clauses.push(clause.replace('?', `$${this.#params.length}`));
  }

  /** A clause with several "?", numbered in order. */
  addAll(clause: string, values: readonly unknown[]): void {
    let i = 0;
    this.#clauses.push(
      clause.replace(/\?/g, () => {
        this.#params.push(values[i++]);
        return `$${this.#params.length}`;
      }),
    );
  }

  sql(table: string, orderBy: string): Sql {
    const where = this.#clauses.join(' AND ');
    return {
      select: `SELECT record::text AS record, count(*) OVER () AS total FROM ${table} WHERE ${where}`,
      orderBy,
      count: `SELECT count(*) AS total FROM ${table} WHERE ${where}`,
      params: this.#params,
    };
  }
}
