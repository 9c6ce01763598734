/**
 * Child process for the loader fuzz: loads each region file set it is sent and reports how the loader
 * answered. A separate process, so a parent watchdog can kill a case that never returns (a hang) and
 * a crash of the loader cannot take the test runner down with it.
 */
import { loadRegionFromFiles } from '../../../config/loader/loadRegion.ts';

export interface LoaderCase {
  readonly id: number;
  readonly dir: string;
  readonly files: Record<string, string>;
}

export type LoaderAnswer =
  | { readonly id: number; readonly kind: 'ok' }
  | { readonly id: number; readonly kind: 'errors'; readonly count: number; readonly malformed: string | null }
  | { readonly id: number; readonly kind: 'threw'; readonly error: string };

/** Why an error of the loader is not one a coordinator can act on (no file or no message), or null. */
function malformedError(error: unknown): string | null {
  const e = error as { file?: unknown; message?: unknown; line?: unknown; column?: unknown };
  if (typeof e.file !== 'string' || e.file === '') return `no file: ${JSON.stringify(error)}`;
  if (typeof e.message !== 'string' || e.message.trim() === '') return `no message: ${JSON.stringify(error)}`;
  if (!Number.isInteger(e.line) || !Number.isInteger(e.column) || (e.line as number) < 0 || (e.column as number) < 0) return `bad position: ${JSON.stringify(error)}`;
  return null;
}

process.on('message', (message: LoaderCase) => {
  let answer: LoaderAnswer;
  try {
    const result = loadRegionFromFiles(message.dir, message.files);
    if (result.ok) answer = { id: message.id, kind: 'ok' };
    else {
      const malformed = result.errors.length === 0 ? 'ok: false with no errors' : result.errors.map(malformedError).find((m) => m !== null) ?? null;
      answer = { id: message.id, kind: 'errors', count: result.errors.length, malformed };
    }
  } catch (e) {
    answer = { id: message.id, kind: 'threw', error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  process.send!(answer);
});
process.send!({ ready: true });
