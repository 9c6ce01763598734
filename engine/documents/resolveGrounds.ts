import type { Field } from '../../config/types/generated.ts';
import type { RefusalGround, RegionConfig } from '../../config/types/RegionConfig.ts';
import { valueAtPath } from '../registry/valueAtPath.ts';

/** A refusal ground as a document quotes it. */
export interface ResolvedGround {
  readonly id: string;
  readonly title: string;
  readonly clause: string | null;
}

/**
 * The refusal grounds an application's officers selected: every `grounds` field of every event
 * payload form of the procedure, read from `data.<EVENT>`, resolved against refusals.yaml (in the
 * order selected, each ground once). Ids that name no ground are skipped: the form validator
 * already refused them when they were sent.
 */
export function resolveGrounds(region: RegionConfig, procedureId: string, data: Readonly<Record<string, unknown>>): ResolvedGround[] {
  const procedure = region.procedures[procedureId];
  const resolved = new Map<string, ResolvedGround>();
  for (const [event, definition] of Object.entries(procedure?.events ?? {})) {
    const form = definition?.payload ? region.forms[definition.payload] : undefined;
    if (!form || !Object.hasOwn(data, event)) continue;
    for (const section of form.sections) {
      for (const { field, path } of groundsFields(section.fields, section.id)) {
        const value = valueAtPath(data[event], path);
        const ids = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
        for (const id of ids) {
          const ground = typeof id === 'string' ? findGround(region, field.group, id) : undefined;
          if (ground && !resolved.has(ground.id)) resolved.set(ground.id, { id: ground.id, title: ground.title, clause: ground.clause ?? null });
        }
      }
    }
  }
  return [...resolved.values()];
}

/** `grounds` fields of a section, also inside groups, with their dotted paths. */
function groundsFields(fields: readonly Field[], prefix: string): { field: Field; path: string }[] {
  return fields.flatMap((field) => {
    const path = `${prefix}.${field.id}`;
    if (field.type === 'grounds') return [{ field, path }];
    if (field.type === 'group' && field.fields) return groundsFields(field.fields, path);
    return [];
  });
}

function findGround(region: RegionConfig, group: string | undefined, id: string): RefusalGround | undefined {
  const groups = group !== undefined ? [region.refusals[group]] : Object.values(region.refusals);
  for (const g of groups) {
    const ground = g?.grounds.find((candidate) => candidate.id === id);
    if (ground) return ground;
  }
  return undefined;
}
