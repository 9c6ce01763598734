/**
 * Text that PostgreSQL can hold. PostgreSQL's `text` cannot contain U+0000, and `jsonb` refuses both
 * "\u0000" and unpaired UTF-16 surrogates, while a JavaScript string (and so a record the engine hands
 * the store) may contain either. Rather than fail the write (a 500) or silently change the data, the
 * PostgreSQL store escapes exactly those code units, reversibly:
 *
 *   U+0000, a lone surrogate, or the escape character U+E000 itself  ->  U+E000 + 4 lowercase hex digits
 *
 * U+E000 is a private-use character, so ordinary text never pays for the escape; escaping the escape
 * character keeps the mapping one-to-one, so equality (ids, attribute search) still works on the
 * escaped form and reading gives back exactly what was written.
 */

const ESCAPE = '\uE000';
// NUL, the escape character, a high surrogate with no low one after it, a low surrogate with no high one before it.
const NEEDS_ESCAPE = /[\u0000\uE000]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPED = /\uE000([0-9a-f]{4})/g;

/** The form of `value` that a PostgreSQL text column or JSON string can hold. */
export function encodeText(value: string): string {
  return value.replace(NEEDS_ESCAPE, (c) => ESCAPE + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Inverse of encodeText. */
export function decodeText(value: string): string {
  return value.includes(ESCAPE) ? value.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : value;
}

/**
 * JSON text of `value` for a jsonb parameter, every string (keys included) encoded. JSON.stringify
 * writes NUL and lone surrogates as \u escapes and never writes U+E000 escaped, so text without those
 * marks needs no walk: the common case costs one stringify and one regex test.
 */
export function encodeJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (!/\\u0000|\\ud[89a-f]|\uE000/i.test(text)) return text;
  return JSON.stringify(mapStrings(value, encodeText));
}

/** Parses JSON text read from a jsonb column (selected as ::text), decoding escaped strings. */
export function decodeJson<T>(text: string): T {
  const value = JSON.parse(text) as unknown;
  return (text.includes(ESCAPE) ? mapStrings(value, decodeText) : value) as T;
}

/** A copy of a JSON value with `f` applied to every string and every object key. */
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, f));
  if (value !== null && typeof value === 'object') {
    // JSON.stringify's view of the object (toJSON, own enumerable keys); fromEntries defines own
    // properties, so a key named "__proto__" stays data instead of replacing the prototype.
    const plain = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
    if (plain !== value) return mapStrings(plain, f);
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol')
        .map(([k, v]) => [f(k), mapStrings(v, f)]),
    );
  }
  return value;
}
