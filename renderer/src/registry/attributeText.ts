/**
 * A registry attribute's value as text. A value copied from an enum field of a form (registry.yaml
 * `from: submission.<section>.<field>`) is shown by its option title when the form says one.
 */
import type { CompiledForm } from '../api/types.ts';
import { formatDate } from '../format/dates.ts';
import { schemaAt } from '../forms/dataPath.ts';

type Json = Record<string, unknown>;

/** Option value -> title for the field `from` points to, looked up in the given forms. */
export function optionTitlesFor(from: string, forms: readonly CompiledForm[]): Map<string, string> {
  const titles = new Map<string, string>();
  const [root, ...path] = from.split('.');
  if (root !== 'submission') return titles;
  for (const form of forms) {
    const node = schemaAt(form.schema, path);
    const choices = (node?.oneOf ?? (node?.items as Json | undefined)?.oneOf) as { const?: unknown; title?: string }[] | undefined;
    for (const c of choices ?? []) if (typeof c.const === 'string' && c.title) titles.set(c.const, c.title);
  }
  return titles;
}

export function attributeText(value: unknown, titles: ReadonlyMap<string, string> = new Map()): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map((v) => attributeText(v, titles)).join('; ');
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (typeof value === 'string') return titles.get(value) ?? (/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value);
  if (typeof value === 'object') return Object.values(value as Json).map((v) => attributeText(v, titles)).join(', ');
  return String(value);
}
