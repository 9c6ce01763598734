/** An error the server itself raises with a status and a message meant for the client. */
import type { FieldError } from '../../engine/api.ts';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { readonly errors?: readonly FieldError[]; readonly headers?: Readonly<Record<string, string>>; readonly cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
  }
}
