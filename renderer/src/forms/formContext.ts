/** What the form templates are told by the page (rjsf `formContext`). */
import type { FieldPathId } from '@rjsf/utils';

export interface FormContext {
  /** Show the regulation clause each section and field cites (the coordinator's view). */
  readonly showClauses: boolean;
  /** Condition path ("section.list.*.field") -> when that part is shown, in words (the coordinator's view). */
  readonly conditionNotes: Readonly<Record<string, string>>;
  /** The region the form belongs to, for widgets that ask the API (a field naming another application). */
  readonly region?: string;
  /** Where a file field's files go: the upload address for its dotted data path; absent where nothing is uploaded. */
  readonly upload?: { readonly url: (fieldPath: string) => string | null };
  /** The session token, for uploading and downloading files. */
  readonly token: string | null;
  /** Counts the attempts to send: the error summary takes the focus once after each one. */
  readonly submitAttempts: number;
  /** The attempt the summary last took the focus for (mutable, shared by the form's renders). */
  readonly summaryFocus: { done: number };
}

/** The formContext of a registry, with defaults for a form given none. */
export const contextOf = (formContext: unknown): FormContext => ({ showClauses: false, conditionNotes: {}, token: null, submitAttempts: 0, summaryFocus: { done: 0 }, ...(formContext as Partial<FormContext> | undefined) });

/** The condition path of a field: list indexes become "*", as in the compiled form's `conditions`. */
export const conditionPath = (fieldPathId: FieldPathId): string => fieldPathId.path.map((key) => (typeof key === 'number' ? '*' : key)).join('.');
