/**
 * One finding of `reglament check`: a problem the loader cannot see because every file is valid on its
 * own, but the region as a whole would misbehave (a step nobody can reach, a deadline that cannot be met).
 */
export type Severity = 'error' | 'warning';

export interface Finding {
  readonly severity: Severity;
  /** Path of the file, as the loader shows it (relative to the current directory when possible). */
  readonly file: string;
  /** 1-based; 0 when the finding concerns the whole file. */
  readonly line: number;
  readonly column: number;
  /** The regulation clause the finding concerns, when the config cites one. */
  readonly clause?: string;
  /** Stable kebab-case name of the kind of finding, e.g. "unreachable-state". */
  readonly code: string;
  /** One sentence a coordinator understands. */
  readonly message: string;
}

/** `file:line:col severity [code] message (п. clause)`. */
export function formatFinding(f: Finding): string {
  const where = f.line > 0 ? `${f.file}:${f.line}:${f.column}` : f.file;
  return `${where} ${f.severity} [${f.code}] ${f.message}${f.clause ? ` (п. ${f.clause})` : ''}`;
}

/** By file, then position, then code, so a report reads top to bottom and is stable between runs. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code) || a.message.localeCompare(b.message),
  );
}

/** Drops exact repeats (the same rule read through two routes gives the same finding twice). */
export function uniqueFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${formatFinding(f)}\u0000${f.severity}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
