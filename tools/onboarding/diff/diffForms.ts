import type { Field, FormFile } from '../../../config/types/generated.ts';
import type { RegionConfig } from '../../../config/types/RegionConfig.ts';
import { compare, compareRecords, unionKeys, type DiffEntry } from './DiffEntry.ts';

/** Forms: sections and fields added or removed, and fields whose type, requiredness or constraints changed. */
export function diffForms(a: RegionConfig, b: RegionConfig, out: DiffEntry[]): void {
  compareRecords(out, 'forms', a.forms, b.forms, { whole: (f) => f.title, parts: () => [] });
  for (const id of Object.keys(a.forms)) {
    const fb = b.forms[id];
    if (!fb) continue;
    const fa = flatten(a.forms[id]!);
    const fl = flatten(fb);
    for (const path of unionKeys(fa, fl)) compare(out, 'forms', `${id} › ${path}`, fa[path], fl[path]);
  }
}

/** Section and field paths ("applicant", "applicant.inn", "site.addresses.address") -> readable summary. */
function flatten(form: FormFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of form.sections) {
    out[s.id] = `section${s.visibleWhen ? `, if ${s.visibleWhen}` : ''}`;
    addFields(s.fields, s.id, out);
  }
  return out;
}

function addFields(fields: readonly Field[], base: string, out: Record<string, string>): void {
  for (const f of fields) {
    const path = `${base}.${f.id}`;
    out[path] = fieldSummary(f);
    if (f.fields) addFields(f.fields, path, out);
  }
}

/** "text, required, if isCompany, max 300" — what validation checks, not the label. */
function fieldSummary(f: Field): string {
  const bits: string[] = [f.type];
  if (f.required) bits.push('required');
  if (f.visibleWhen) bits.push(`if ${f.visibleWhen}`);
  if (f.const !== undefined) bits.push(`= ${String(f.const)}`);
  if (f.options) bits.push(`[${f.options.map((o) => o.value).join(', ')}]`);
  if (f.group) bits.push(`group ${f.group}`);
  if (f.formats) bits.push(f.formats.join('/'));
  if (f.pattern !== undefined) bits.push(`pattern ${f.pattern}`);
  for (const k of ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const) {
    if (f[k] !== undefined) bits.push(`${k} ${f[k]}`);
  }
  return bits.join(', ');
}
