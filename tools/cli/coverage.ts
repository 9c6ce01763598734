import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { coverage, coverageMarkdown } from '../check/coverage.ts';
import { parseRegulationText } from '../check/regulationText.ts';
import { formatLoadError } from '../../config/loader/LoadError.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import type { Command } from './main.ts';

/** `reglament coverage DIR [--text FILE] [--json]`: which config items cite each clause of the regulation. */
export const coverageCommand: Command = {
  summary: 'List every numbered clause of the regulation text with the config items that cite it; uncited and unknown clauses',
  usage: 'reglament coverage DIR [--text REGULATION.txt] [--json]\n\n  --text  the regulation text (default: region.yaml regulation.text)\n  --json  print JSON instead of Markdown',
  async run(args) {
    const json = args.includes('--json');
    const textAt = args.indexOf('--text');
    const dir = args.find((a, i) => !a.startsWith('-') && (textAt < 0 || i !== textAt + 1));
    if (!dir) {
      process.stderr.write('reglament coverage: name a region folder\n');
      return 2;
    }
    const loaded = await loadRegion(dir);
    if (!loaded.ok) {
      process.stderr.write(loaded.errors.map(formatLoadError).join('\n') + '\n');
      return 1;
    }
    const declared = loaded.config.region.regulation.text;
    const file = textAt >= 0 ? args[textAt + 1] : declared ? path.resolve(loaded.config.dir, declared) : undefined;
    if (!file) {
      process.stderr.write('reglament coverage: give the regulation text with --text FILE (region.yaml names none)\n');
      return 2;
    }
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) {
      process.stderr.write(`reglament coverage: cannot read ${file}\n`);
      return 1;
    }
    const result = coverage(loaded.config, parseRegulationText(text), path.basename(file));
    process.stdout.write(json ? JSON.stringify(result, null, 2) + '\n' : coverageMarkdown(result, `reglament coverage ${dir} --text ${path.basename(file)}`));
    return 0;
  },
};
