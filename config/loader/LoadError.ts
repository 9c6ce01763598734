/** One problem found in a config folder: where it is, and what was expected. */
export interface LoadError {
  /** Path of the file, relative to the current directory when possible. */
  readonly file: string;
  /** 1-based line and column; 0 when the problem concerns the whole file or folder. */
  readonly line: number;
  readonly column: number;
  /** Path inside the file, e.g. "deadline[0].use"; "" for the whole file. */
  readonly path: string;
  readonly message: string;
}

/** `file:line:column path message`, the format editors and terminals turn into links. */
export function formatLoadError(e: LoadError): string {
  const where = e.line > 0 ? `${e.file}:${e.line}:${e.column}` : e.file;
  return e.path ? `${where} ${e.path} ${e.message}` : `${where} ${e.message}`;
}

/** Sorts errors by file, then position, so a report reads top to bottom. */
export function sortLoadErrors(errors: readonly LoadError[]): LoadError[] {
  return [...errors].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
