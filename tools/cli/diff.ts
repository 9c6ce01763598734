import path from 'node:path';
import { formatLoadError } from '../../config/loader/LoadError.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import { formatDiffTable } from '../onboarding/diff/formatDiffTable.ts';
import { regionDiff } from '../onboarding/diff/regionDiff.ts';
import type { Command } from './main.ts';

/**
 * `reglament diff DIR_A DIR_B [--json]`: how two region folders (or two versions of one) differ.
 * Exit codes as diff(1): 0 the same, 1 different, 2 a folder did not load.
 */
export const diffCommand: Command = {
  summary: 'Show how two regions differ: fees, deadlines, procedure steps, form fields, services, calendars, identity',
  usage: 'reglament diff DIR_A DIR_B [--json]',
  async run(args) {
    const dirs = args.filter((a) => !a.startsWith('-'));
    const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
    if (dirs.length !== 2 || unknown.length > 0) {
      process.stderr.write(`reglament diff: name two region folders${unknown.length ? ` (unknown option ${unknown.join(' ')})` : ''}\nUsage: reglament diff DIR_A DIR_B [--json]\n`);
      return 2;
    }
    const [a, b] = await Promise.all(dirs.map((d) => loadRegion(d)));
    let broken = false;
    for (const [dir, result] of [[dirs[0], a], [dirs[1], b]] as const) {
      if (result!.ok) continue;
      broken = true;
      for (const e of result!.errors) process.stderr.write(formatLoadError(e) + '\n');
      process.stderr.write(`${dir}: does not load, so it cannot be compared\n`);
    }
    if (broken || !a!.ok || !b!.ok) return 2;
    const entries = regionDiff(a!.config, b!.config);
    if (args.includes('--json')) {
      process.stdout.write(JSON.stringify({ a: dirs[0], b: dirs[1], differences: entries }, null, 2) + '\n');
    } else {
      const [nameA, nameB] = columnNames(dirs[0]!, dirs[1]!);
      process.stdout.write(formatDiffTable(entries, nameA, nameB));
    }
    return entries.length > 0 ? 1 : 0;
  },
};

/** Folder names as column titles, or the paths when both folders have the same name (two versions). */
function columnNames(a: string, b: string): [string, string] {
  const na = path.basename(path.resolve(a));
  const nb = path.basename(path.resolve(b));
  return na === nb ? [a, b] : [na, nb];
}
