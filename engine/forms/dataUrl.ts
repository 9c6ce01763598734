/**
 * Attachments travel as data URLs, the way react-jsonschema-form's file widget writes them:
 * "data:application/pdf;name=%D0%B0%D0%BA%D1%82.pdf;base64,JVBERi0...". Browser-safe.
 */

/** What a data URL says about its file. */
export interface DataUrlInfo {
  /** Media type, e.g. "application/pdf"; "" when the URL names none. */
  readonly mediaType: string;
  /** The decoded file name from the `name=` parameter, or null. */
  readonly name: string | null;
  /** The extension of `name`, lower case without the dot, or null. */
  readonly extension: string | null;
}

// One media type, any ;key=value parameters, then base64 data (same shape rjsf produces and accepts).
const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+)?((?:;[a-z-]+=[^;,]*)*);base64,[A-Za-z0-9+/]*={0,2}$/i;

/** Parses a base64 data URL; null when `value` is not one. */
export function parseDataUrl(value: string): DataUrlInfo | null {
  const m = DATA_URL.exec(value);
  if (!m) return null;
  let name: string | null = null;
  for (const param of m[2].split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (param.slice(0, eq).toLowerCase() !== 'name') continue;
    try {
      name = decodeURIComponent(param.slice(eq + 1));
    } catch {
      return null; // a broken %-escape is not a file name
    }
  }
  const dot = name === null ? -1 : name.lastIndexOf('.');
  const extension = name !== null && dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : null;
  return { mediaType: (m[1] ?? '').toLowerCase(), name, extension };
}
