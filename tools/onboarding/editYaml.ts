/**
 * Edits values of a YAML file in place: only the edited scalars (and deleted keys' lines) change, so a
 * reviewer's diff shows exactly the edit and every comment, quote style and line break stays as written.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isPair, isScalar, parseDocument, type Pair } from 'yaml';

/** Set `path` to `value`, or delete the key when `value` is undefined. */
export interface YamlEdit {
  readonly path: readonly string[];
  readonly value: string | undefined;
}

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Applies `edits` to YAML `text`. Edits it cannot make in place (a key inside a flow mapping, a key to
 * add below the top level) fall back to the Document API's re-serialisation, which keeps comments.
 * Either way the result parses to exactly what the Document API edit gives.
 */
export function editYaml(text: string, edits: readonly YamlEdit[]): string {
  const expected = parseDocument(text);
  for (const e of edits) {
    if (e.value === undefined) expected.deleteIn(e.path);
    else expected.setIn(e.path, e.value);
  }
  const spliced = splices(text, edits);
  if (spliced) {
    const out = applySplices(text, spliced);
    const check = parseDocument(out);
    if (check.errors.length === 0 && isDeepStrictEqual(check.toJS(), expected.toJS())) return out;
  }
  return expected.toString({ lineWidth: 100 });
}

function splices(text: string, edits: readonly YamlEdit[]): Splice[] | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const out: Splice[] = [];
  for (const { path, value } of edits) {
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    if (!isMap(parent) || parent.flow) return undefined;
    const pair = parent.items.find((p): p is Pair => isPair(p) && isScalar(p.key) && String(p.key.value) === path.at(-1));
    if (value === undefined) {
      if (pair) out.push(wholeLines(text, pair));
      continue;
    }
    if (pair && isScalar(pair.value) && pair.value.range) {
      out.push({ start: pair.value.range[0], end: pair.value.range[1], text: scalarText(value) });
    } else if (!pair && path.length === 1) {
      out.push({ start: text.length, end: text.length, text: `${text.endsWith('\n') ? '' : '\n'}${path[0]}: ${scalarText(value)}\n` });
    } else {
      return undefined;
    }
  }
  return out;
}

/** The lines a block-mapping pair occupies, from its key's line to the end of its value's last line. */
function wholeLines(text: string, pair: Pair): Splice {
  const keyStart = (pair.key as { range?: [number, number, number] }).range?.[0] ?? 0;
  const valueEnd = (pair.value as { range?: [number, number, number] } | null)?.range?.[2] ?? keyStart;
  const start = text.lastIndexOf('\n', keyStart - 1) + 1;
  const nl = text.indexOf('\n', Math.max(valueEnd - 1, keyStart));
  return { start, end: nl === -1 ? text.length : nl + 1, text: '' };
}

/** One-line YAML for a string: plain when that reads back as the same string, else quoted. */
function scalarText(value: string): string {
  return new Document(value).toString({ lineWidth: 0 }).trimEnd();
}

function applySplices(text: string, list: readonly Splice[]): string {
  let out = text;
  for (const s of [...list].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}
