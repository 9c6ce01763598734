import { formatLoadError } from '../../config/loader/LoadError.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import { runRegionTests } from '../regionTests/runRegionTests.ts';
import type { Command } from './main.ts';

/** `reglament test DIR...`: runs each folder's tests/*.yaml cases. */
export const testCommand: Command = {
  summary: "Run a region's test cases (tests/*.yaml): due dates, fees, paths of events and documents the regulation gives an application",
  usage: 'reglament test DIR...',
  async run(args) {
    const dirs = args.filter((a) => !a.startsWith('--'));
    if (dirs.length === 0) {
      process.stderr.write(`usage: ${this.usage}\n`);
      return 2;
    }
    let failed = false;
    for (const dir of dirs) {
      const loaded = await loadRegion(dir);
      if (!loaded.ok) {
        for (const e of loaded.errors) process.stderr.write(formatLoadError(e) + '\n');
        failed = true;
        continue;
      }
      const result = await runRegionTests(dir, loaded.config);
      for (const f of result.failures) process.stderr.write(f + '\n');
      for (const u of result.unchecked) process.stderr.write(`warning: ${u}\n`);
      if (result.failures.length > 0) failed = true;
      process.stdout.write(`${dir}: ${result.cases} case${result.cases === 1 ? '' : 's'}, ${result.failures.length} failure${result.failures.length === 1 ? '' : 's'}\n`);
    }
    return failed ? 1 : 0;
  },
};
