/**
 * Region test cases (regions/<region>/tests/*.yaml): each case states an application and the dates the
 * regulation gives it; the region passes when the engine gives the same dates.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { formatLoadError, type LoadError } from '../../config/loader/LoadError.ts';
import { validateFile } from '../../config/loader/schemaValidator.ts';
import { locate, readYamlFile } from '../../config/loader/yamlFile.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { RegionTestsFile } from '../../config/types/generated.ts';
import { Engine } from '../../engine/Engine.ts';
import { localDate } from '../../engine/calendar/localDate.ts';
import { memoryStore } from '../../engine/store/memoryStore.ts';

export interface RegionTestResult {
  readonly cases: number;
  /** One line per failure or unreadable file, "file:line: ...". */
  readonly failures: readonly string[];
}

/** Runs every case in `<dir>/tests/*.yaml` against the loaded region `config`. */
export async function runRegionTests(dir: string, config: RegionConfig): Promise<RegionTestResult> {
  const testsDir = path.join(dir, 'tests');
  let names: string[];
  try {
    names = (await readdir(testsDir)).filter((n) => n.endsWith('.yaml')).sort();
  } catch {
    return { cases: 0, failures: [] };
  }
  const failures: string[] = [];
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
    data.cases.forEach((c, i) => {
      cases++;
      const at = locate(file, ['cases', i]);
      const where = `${shown}:${at.line}: ${c.says} (п. ${c.clause})`;
      try {
        const received = new Date(c.received);
        const engine = new Engine({ regions: [config], store: memoryStore(), clock: { now: () => received } });
        const quote = engine.quote(config.id, c.service, c.submission ?? {}, received);
        const got: Record<string, string | undefined> = { registeredOn: quote.registeredOn, serviceDue: quote.serviceDue?.date };
        for (const [key, want] of Object.entries(c.expect)) {
          if (got[key] !== want) failures.push(`${where}: ${key} expected ${want}, got ${got[key] ?? 'none'} (received ${c.received}, receipt ${localDate(received, config.region.timezone)})`);
        }
      } catch (e) {
        failures.push(`${where}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }
  return { cases, failures };
}
