import type { Field, FormFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ApplicationRecord, HistoryEntry } from '../api.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * An application as its applicant may read it: what concerns them, never the authority's working data.
 * - `data` keeps only what was sent from steps not marked `internal`, through task forms, without their
 *   `internal` sections and fields (a request addressed to the applicant stays; a draft decision goes);
 * - the history keeps every step (the applicant follows the progress) but names no staff member: the
 *   login of whoever acted, and the hash of what they sent, are left empty unless it was the applicant
 *   (a hash of a short internal value, such as a draft's "refuse", could be guessed);
 * - documents of templates marked `internal` are not listed.
 * The submission, step, due dates, fee, milestones and outcome are the applicant's own and stay.
 *
 * @param region the config version the application runs on
 */
export function forApplicant(region: RegionConfig, app: ApplicationRecord): ApplicationRecord {
  const procedure = region.procedures[region.services[app.service]?.procedure ?? ''];
  const internalStep = (state: string | null) => state !== null && procedure?.states[state]?.internal === true;
  // data[EVENT] is the payload of the event's latest sending: the step it was sent from is that entry's `from`.
  const sentFrom = new Map<string, string | null>();
  for (const entry of app.history) sentFrom.set(entry.event, entry.from);

  const data: Obj = {};
  for (const [event, payload] of Object.entries(app.data)) {
    const formId = procedure?.events[event]?.payload;
    const form = formId !== undefined && Object.hasOwn(region.forms, formId) ? region.forms[formId] : undefined;
    if (!form || internalStep(sentFrom.get(event) ?? null)) continue;
    data[event] = visibleFormData(form, payload);
  }

  const history = app.history.map((entry): HistoryEntry => {
    if (entry.actor.userId === app.applicantId) return entry;
    return { ...entry, actor: { userId: '', roles: entry.actor.roles }, payloadHash: '' };
  });

  const documents = app.documents.filter((d) => region.templates[d.template]?.internal !== true);
  return { ...app, data, history, documents };
}

/** A task form's data without its internal sections and fields. */
function visibleFormData(form: FormFile, payload: unknown): unknown {
  if (!isObject(payload)) return payload;
  const out: Obj = {};
  for (const section of form.sections) {
    if (section.internal === true || !Object.hasOwn(payload, section.id)) continue;
    out[section.id] = visibleFields(section.fields, payload[section.id]);
  }
  return out;
}

function visibleFields(fields: readonly Field[], value: unknown): unknown {
  if (!isObject(value)) return value;
  const out: Obj = {};
  for (const field of fields) {
    if (field.internal === true || !Object.hasOwn(value, field.id)) continue;
    const inner = value[field.id];
    if (field.type === 'group' && field.fields) out[field.id] = visibleFields(field.fields, inner);
    else if (field.type === 'list' && field.fields && Array.isArray(inner)) out[field.id] = inner.map((item) => visibleFields(field.fields!, item));
    else out[field.id] = inner;
  }
  return out;
}
