/** An error the server itself raises with a status and a message meant for the client. */
import type { FieldError } from '../../engine/api.ts';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly extra: {
      readonly errors?: readonly FieldError[];
      readonly headers?: Readonly<Record<string, string>>;
      /** More fields of the error body (e.g. a 409's fresh state). */
      readonly body?: Readonly<Record<string, unknown>>;
      /** What made it (for the log; e.g. an unreachable virus scanner). */
      readonly cause?: unknown;
    } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
  }
}
