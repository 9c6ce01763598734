/**
 * Field errors from a 422 answer (dotted paths) as an rjsf ErrorSchema, shown next to their fields
 * until the value they are about changes.
 */
import type { ErrorSchema } from '@rjsf/utils';
import type { FieldError } from '../../../engine/api.ts';
import { dottedPath, valueAt } from './dataPath.ts';

/** The errors with the data they were reported for. */
export interface ServerErrors {
  readonly errors: readonly FieldError[];
  readonly data: unknown;
}

export function toErrorSchema(errors: readonly FieldError[]): ErrorSchema {
  const root: ErrorSchema = {};
  for (const error of errors) {
    let node = root as Record<string, ErrorSchema>;
    for (const key of dottedPath(error.path)) node = (node[key] ??= {}) as Record<string, ErrorSchema>;
    const leaf = node as ErrorSchema;
    leaf.__errors = [...(leaf.__errors ?? []), error.message];
  }
  return root;
}

/** The errors whose field still holds the value the server rejected. */
export function stillStanding(server: ServerErrors, data: unknown): FieldError[] {
  return server.errors.filter((e) => {
    const path = dottedPath(e.path);
    return JSON.stringify(valueAt(server.data, path)) === JSON.stringify(valueAt(data, path));
  });
}
