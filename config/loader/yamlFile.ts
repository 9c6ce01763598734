/**
 * Reads one YAML file with positions kept, refusing what could hurt the server:
 * files over 1 MiB, alias bombs, duplicate keys.
 */
import { readFile, stat } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { LoadError } from './LoadError.ts';

export const MAX_FILE_BYTES = 1024 * 1024;
/** Enough for any honest reuse of anchors; a "billion laughs" document needs far more. */
export const MAX_ALIAS_COUNT = 50;
/** Deeper flow nesting ([ [ [ ...) than any config needs; the parser would take seconds to reject it. */
export const MAX_FLOW_DEPTH = 64;

export interface YamlFile {
  /** Path shown in errors. */
  readonly file: string;
  readonly text: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  /** Plain data, or undefined when the file could not be parsed. */
  readonly data: unknown;
}

export type PathSegment = string | number;

/** Reads and parses `absPath`; problems are appended to `errors` (reported as `shownPath`). */
export async function readYamlFile(absPath: string, shownPath: string, errors: LoadError[]): Promise<YamlFile | undefined> {
  const size = (await stat(absPath)).size;
  if (size > MAX_FILE_BYTES) {
    errors.push({ file: shownPath, line: 0, column: 0, path: '', message: `file is ${size} bytes; config files may be at most ${MAX_FILE_BYTES} bytes (1 MiB)` });
    return undefined;
  }
  const text = await readFile(absPath, 'utf8');
  return parseYamlText(text, shownPath, errors);
}

/** Parses YAML text already in memory (used for stored old config versions too). */
export function parseYamlText(text: string, shownPath: string, errors: LoadError[]): YamlFile | undefined {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
    errors.push({ file: shownPath, line: 0, column: 0, path: '', message: `file is larger than ${MAX_FILE_BYTES} bytes (1 MiB)` });
    return undefined;
  }
  const deep = flowDepthExceeded(text);
  if (deep) {
    errors.push({ file: shownPath, line: deep.line, column: deep.column, path: '', message: `nesting deeper than ${MAX_FLOW_DEPTH} levels of [ ] or { } is not allowed` });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  const before = errors.length;
  // Later syntax errors usually follow from the first; report that one.
  for (const e of doc.errors.slice(0, 1)) {
    const pos = e.linePos?.[0];
    errors.push({ file: shownPath, line: pos?.line ?? 0, column: pos?.col ?? 0, path: '', message: `YAML syntax: ${firstLine(e.message).replace(/ at line \d+, column \d+:?$/, '')}` });
  }
  if (errors.length > before) return undefined;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // yaml throws here for excessive aliases: report it as a refusal, never crash or hang.
    const message = e instanceof Error ? e.message : String(e);
    const aliasBomb = /alias/i.test(message);
    errors.push({
      file: shownPath, line: 1, column: 1, path: '',
      message: aliasBomb ? `too many YAML aliases (at most ${MAX_ALIAS_COUNT} expansions are allowed): ${firstLine(message)}` : `cannot read YAML: ${firstLine(message)}`,
    });
    return undefined;
  }
  return { file: shownPath, text, doc, lineCounter, data };
}

/**
 * Line and column of the value at `path` (or of its key, when `key` is true).
 * Falls back to the nearest existing ancestor, so a missing key points at its parent.
 */
export function locate(file: YamlFile, path: readonly PathSegment[], key = false): { line: number; column: number } {
  let node: unknown = file.doc.contents;
  let best: Node | undefined = node as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      if (key && i === path.length - 1 && pair.key) {
        best = pair.key as Node;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else break;
    if (node && typeof node === 'object' && 'range' in node) best = node as Node;
    else break;
  }
  const offset = best?.range?.[0];
  if (offset === undefined) return { line: 1, column: 1 };
  const pos = file.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** "deadline[0].use" from ["deadline", 0, "use"]. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

/** Where flow collections first nest deeper than MAX_FLOW_DEPTH, skipping quoted text and comments. */
function flowDepthExceeded(text: string): { line: number; column: number } | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      if (quote === null) continue;
    }
    if (quote !== null) {
      if (c === quote && !(quote === '"' && text[i - 1] === '\\')) quote = null;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? text.length : end) - 1;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s\[{,:]/.test(text[i - 1]))) quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) return { line, column: i - lineStart + 1 };
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}
