/**
 * The `# yaml-language-server: $schema=...` first line that lets an editor autocomplete a config file.
 * Its path is relative to the file, so a copied folder at another depth needs it recomputed.
 */
import path from 'node:path';
import { SCHEMAS_DIR } from '../../config/loader/schemaValidator.ts';

const SCHEMA_LINE = /^(#\s*yaml-language-server:\s*\$schema=)(\S+)/m;

/**
 * Rewrites the schema line of `text` so it points from `fileAbs` at the same schema file in
 * config/schemas/. Text without such a line is returned unchanged; nothing else in the file is touched.
 */
export function rewriteSchemaComment(text: string, fileAbs: string, schemasDir: string = SCHEMAS_DIR): string {
  return text.replace(SCHEMA_LINE, (_, prefix: string, old: string) => `${prefix}${schemaPathFrom(fileAbs, path.basename(old), schemasDir)}`);
}

/** The "$schema=" value for a file at `fileAbs` naming `schemaFile` (e.g. "form.schema.json"). */
export function schemaPathFrom(fileAbs: string, schemaFile: string, schemasDir: string = SCHEMAS_DIR): string {
  return toPosix(path.relative(path.dirname(fileAbs), path.join(schemasDir, schemaFile)));
}

/** Relative paths in YAML are always written with "/", whatever the platform. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
