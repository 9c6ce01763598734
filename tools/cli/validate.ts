import { formatLoadError } from '../../config/loader/LoadError.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import type { Command } from './main.ts';

/** `reglament validate DIR...`: one summary line per valid region, or every error; exit 1 on any error. */
export const validateCommand: Command = {
  summary: 'Check region folders against the config language; print every error with file:line',
  usage: 'reglament validate DIR...',
  async run(args) {
    const dirs = args.filter((a) => !a.startsWith('-'));
    if (dirs.length === 0) {
      process.stderr.write('reglament validate: name at least one region folder, e.g. `reglament validate regions/<region>`\n');
      return 2;
    }
    let failed = false;
    for (const dir of dirs) {
      const result = await loadRegion(dir);
      if (result.ok) {
        const c = result.config;
        const states = Object.values(c.procedures).reduce((n, p) => n + Object.keys(p.states).length, 0);
        process.stdout.write(
          `ok ${dir}: ${c.region.title} (${c.id}), version ${c.version}: ${Object.keys(c.services).length} services, ` +
            `${Object.keys(c.forms).length} forms, ${Object.keys(c.procedures).length} procedures (${states} states), ` +
            `${Object.keys(c.fees).length} fees, ${Object.keys(c.deadlines).length} deadlines, ${Object.keys(c.templates).length} templates\n`,
        );
      } else {
        failed = true;
        for (const e of result.errors) process.stderr.write(formatLoadError(e) + '\n');
        process.stderr.write(`${dir}: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}\n`);
      }
    }
    return failed ? 1 : 0;
  },
};
