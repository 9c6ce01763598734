/** Finds a file field of a form by its dotted data path ("section.field", list indices skipped). */
import type { Field, FormFile } from '../../config/types/generated.ts';

export function findFileField(form: FormFile, dottedPath: string): Field | null {
  const parts = dottedPath.split('.').filter((p) => !/^(\d+|\*)$/.test(p));
  const section = form.sections.find((s) => s.id === parts[0]);
  if (!section) return null;
  let fields: readonly Field[] = section.fields;
  let found: Field | null = null;
  for (const part of parts.slice(1)) {
    found = fields.find((f) => f.id === part) ?? null;
    if (!found) return null;
    fields = found.fields ?? [];
  }
  return found && found.type === 'file' ? found : null;
}
