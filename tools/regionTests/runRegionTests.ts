/**
 * Region test cases (regions/<region>/tests/*.yaml): each case states an application and what the
 * regulation gives it — due dates, a fee, where a path of events ends and what the registry and the
 * documents then say — worked out by hand; the region passes when the engine gives the same.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { formatLoadError, type LoadError } from '../../config/loader/LoadError.ts';
import { validateFile } from '../../config/loader/schemaValidator.ts';
import { locate, readYamlFile } from '../../config/loader/yamlFile.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { RegionTestsFile } from '../../config/types/generated.ts';
import { runDueDateCase } from './dueDateCase.ts';
import { runFeeCase } from './feeCase.ts';
import { runPathCase } from './pathCase.ts';
import type { CaseProblems, RegionCase } from './RegionCase.ts';

export interface RegionTestResult {
  readonly cases: number;
  /** One line per failure or unreadable file, "file:line: ...". */
  readonly failures: readonly string[];
  /** Files whose cases were copied from another region (`copiedFrom`) and are not yet re-checked. */
  readonly unchecked: readonly string[];
}

export interface RegionTestOptions {
  /** Only cases of these kinds (default: all). */
  readonly kinds?: readonly NonNullable<RegionCase['kind']>[];
}

/** Runs every case in `<dir>/tests/*.yaml` against the loaded region `config`. */
export async function runRegionTests(dir: string, config: RegionConfig, options: RegionTestOptions = {}): Promise<RegionTestResult> {
  const testsDir = path.join(dir, 'tests');
  let names: string[];
  try {
    names = (await readdir(testsDir)).filter((n) => n.endsWith('.yaml')).sort();
  } catch {
    return { cases: 0, failures: [], unchecked: [] };
  }
  const failures: string[] = [];
  const unchecked: string[] = [];
  let cases = 0;
  for (const name of names) {
    const errors: LoadError[] = [];
    const shown = path.join(testsDir, name);
    const file = await readYamlFile(shown, shown, errors);
    if (!file || !validateFile('tests', file, errors)) {
      failures.push(...errors.map(formatLoadError));
      continue;
    }
    const data = file.data as RegionTestsFile;
    if (data.copiedFrom) unchecked.push(`${shown}: copied from ${data.copiedFrom.region}, not yet re-checked against this region's regulation (${data.copiedFrom.note})`);
    for (const [i, c] of data.cases.entries()) {
      const kind = c.kind ?? 'dueDate';
      if (options.kinds && !options.kinds.includes(kind)) continue;
      cases++;
      const at = locate(file, ['cases', i]);
      const where = `${shown}:${at.line}: ${c.says} (п. ${c.clause})`;
      let problems: CaseProblems;
      try {
        problems = kind === 'fee' ? runFeeCase(config, c) : kind === 'dueDate' ? runDueDateCase(config, c) : await runPathCase(config, c);
      } catch (e) {
        problems = [e instanceof Error ? e.message : String(e)];
      }
      for (const p of problems) failures.push(`${where}: ${p} (received ${c.received})`);
    }
  }
  return { cases, failures, unchecked };
}
