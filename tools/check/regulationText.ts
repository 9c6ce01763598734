/**
 * The numbered clauses of a regulation's plain text, and the clause references the config cites.
 * A clause is a line that starts with a number like "2.4.1." or "3.2.2.11." (markdown heading marks
 * and bold around it are ignored), so section headings such as "2.10." count too; an appendix starts
 * at a line "Приложение N", and its numbered items ("5. Сведения ...") are its points.
 */

export interface TextClause {
  readonly number: string;
  /** 1-based line in the text. */
  readonly line: number;
  /** The start of the clause's text, for reports. */
  readonly text: string;
}

export interface TextAppendix {
  readonly number: string;
  readonly line: number;
  /** Numbers of its points ("1", "2", ...). */
  readonly items: ReadonlySet<string>;
}

export interface RegulationText {
  readonly clauses: ReadonlyMap<string, TextClause>;
  readonly appendices: ReadonlyMap<string, TextAppendix>;
}

const CLAUSE = /^(\d+(?:\.\d+)+)\.(?=\s|\*|$)/;
const APPENDIX = /^приложение\s+(?:№\s*)?(\d+)/i;
const ITEM = /^(\d+)\.\s/;

/** Strips markdown heading marks, bold and leading spaces. */
function bare(line: string): string {
  return line.replace(/^\s*#*\s*/, '').replace(/^(\*\*|__)+/, '').trimStart();
}

export function parseRegulationText(text: string): RegulationText {
  const clauses = new Map<string, TextClause>();
  const appendices = new Map<string, { number: string; line: number; items: Set<string> }>();
  let appendix: { items: Set<string> } | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = bare(raw);
    const a = APPENDIX.exec(line);
    if (a) {
      if (!appendices.has(a[1])) appendices.set(a[1], { number: a[1], line: i + 1, items: new Set() });
      appendix = appendices.get(a[1]);
      return;
    }
    const c = CLAUSE.exec(line);
    if (c && !appendix) {
      if (!clauses.has(c[1])) clauses.set(c[1], { number: c[1], line: i + 1, text: summary(line.slice(c[0].length)) });
      return;
    }
    const item = ITEM.exec(line);
    if (item && appendix) appendix.items.add(item[1]);
  });
  return { clauses, appendices };
}

function summary(rest: string): string {
  const plain = rest.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
  return plain.length > 90 ? `${plain.slice(0, 87).trimEnd()}...` : plain;
}

/** One reference inside a `clause:` value. */
export type ClauseRef =
  | { readonly kind: 'clause'; readonly number: string }
  | { readonly kind: 'appendix'; readonly number: string; readonly items: readonly string[] };

/**
 * The references in a clause value: "2.4.1; 3.2.2.4", "2.6.1.1, подп. 2" (the clause 2.6.1.1),
 * "Приложение 2, пп. 5–12" (appendix 2, points 5 to 12). A part with no number like "2.3" (e.g. "3" for
 * a whole section) yields nothing.
 */
export function parseClauseValue(value: string): ClauseRef[] {
  const refs: ClauseRef[] = [];
  for (const part of value.split(';').map((p) => p.trim()).filter(Boolean)) {
    const a = /^приложени[еяи]\s+(?:№\s*)?(\d+)(.*)$/i.exec(part);
    if (a) {
      const points = /пп?\.\s*([\d\s,–—-]+)/.exec(a[2]);
      refs.push({ kind: 'appendix', number: a[1], items: points ? expandItems(points[1]) : [] });
      continue;
    }
    for (const m of part.matchAll(/(?<![\d.])\d+(?:\.\d+)+(?![\d])/g)) refs.push({ kind: 'clause', number: m[0] });
  }
  return refs;
}

/** "5–12" -> 5..12, "3, 4" -> 3, 4. */
function expandItems(spec: string): string[] {
  const out: string[] = [];
  for (const piece of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const range = /^(\d+)\s*[–—-]\s*(\d+)$/.exec(piece);
    if (range) for (let n = Number(range[1]); n <= Number(range[2]) && n - Number(range[1]) < 100; n++) out.push(String(n));
    else if (/^\d+$/.test(piece)) out.push(piece);
  }
  return out;
}

/** How a reference is written in messages. */
export function showRef(ref: ClauseRef): string {
  return ref.kind === 'clause' ? ref.number : `Приложение ${ref.number}${ref.items.length ? `, п. ${ref.items.join(', ')}` : ''}`;
}
