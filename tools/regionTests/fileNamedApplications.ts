/**
 * Fields of type application name another application of the region, which must exist and (scope own)
 * be the filer's. Cases and generated paths file one first, through the same engine and as the same
 * filer (an application of the first service the field allows, with valid sample data along a feasible
 * path), and put its id where the data names one.
 */
import type { Field, ServiceFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Actor, Store } from '../../engine/api.ts';
import type { Engine } from '../../engine/Engine.ts';
import { planPath } from '../check/pathData.ts';
import { pathsToFinal } from '../check/procedureGraph.ts';
import { withStoredUploads } from '../check/sampleUploads.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Replaces, in `data` (the data of form `formId`), every value of a field of type application with the id
 * of an application filed first by `filer`. `filed` remembers one per service across calls.
 */
export async function fileNamedApplications(
  config: RegionConfig,
  service: ServiceFile,
  formId: string | undefined,
  data: unknown,
  engine: Engine,
  store: Store,
  filer: (other: ServiceFile) => Actor,
  filed: Map<string, string> = new Map(),
): Promise<void> {
  const form = formId ? config.forms[formId] : undefined;
  if (!form || !isObj(data)) return;
  const named = async (field: Field): Promise<string> => {
    const target = (field.services ?? config.region.services).find((id) => id !== service.id) ?? service.id;
    const known = filed.get(target);
    if (known) return known;
    const other = config.services[target]!;
    for (const p of pathsToFinal(config.procedures[other.procedure]!).paths) {
      const plan = planPath(config, other, p);
      if (plan.status !== 'feasible') continue;
      const actor = filer(other);
      // Its sample files become the filer's uploads first, as the browser makes them.
      const submission = await withStoredUploads(store, config, { service: other.id, form: other.form }, plan.submission, actor.userId);
      const view = await engine.startApplication(config.id, other.id, submission, actor);
      filed.set(target, view.application.id);
      return view.application.id;
    }
    throw new Error(`no application of service ${target} could be filed for a field of type application to name`);
  };
  const visit = async (fields: readonly Field[], value: unknown): Promise<void> => {
    if (!isObj(value)) return;
    for (const field of fields) {
      if (!Object.hasOwn(value, field.id)) continue;
      const inner = value[field.id];
      if (field.type === 'application') value[field.id] = await named(field);
      else if (field.type === 'group' && field.fields) await visit(field.fields, inner);
      else if (field.type === 'list' && field.fields && Array.isArray(inner)) for (const item of inner) await visit(field.fields, item);
    }
  };
  for (const section of form.sections) await visit(section.fields, data[section.id]);
}
