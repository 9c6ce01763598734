import type { FieldError } from '../../../engine/api.ts';

/** An API answer other than 2xx, with the server's Russian message and, on 422, the field errors. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: readonly FieldError[] = [],
    /** The whole error body (e.g. a 409's `current`: the application as it is now). */
    readonly body: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
