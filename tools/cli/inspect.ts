import { formatLoadError } from '../../config/loader/LoadError.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import type { Command } from './main.ts';

/** `reglament inspect DIR --json`: the loaded RegionConfig (without file contents) as JSON. */
export const inspectCommand: Command = {
  summary: 'Print the loaded region: services with their forms, procedure states, fees, deadlines',
  usage: 'reglament inspect DIR [--json]',
  async run(args) {
    const dir = args.find((a) => !a.startsWith('-'));
    if (!dir) {
      process.stderr.write('reglament inspect: name a region folder\n');
      return 2;
    }
    const result = await loadRegion(dir);
    if (!result.ok) {
      for (const e of result.errors) process.stderr.write(formatLoadError(e) + '\n');
      return 1;
    }
    const { files, templates, ...rest } = result.config;
    const view = {
      ...rest,
      templates: Object.fromEntries(Object.entries(templates).map(([id, t]) => [id, { id: t.id, title: t.title, file: t.file, clause: t.clause, kind: t.kind }])),
      files: Object.keys(files),
    };
    if (args.includes('--json')) {
      process.stdout.write(JSON.stringify(view, null, 2) + '\n');
      return 0;
    }
    const c = result.config;
    const out: string[] = [`${c.region.title} (${c.id}), version ${c.version}`, `  authority: ${c.region.authority.title}`, `  timezone: ${c.region.timezone}`];
    for (const s of Object.values(c.services)) {
      const p = c.procedures[s.procedure];
      out.push(`  service ${s.id}: ${s.title}`, `    form ${s.form}; procedure ${s.procedure} (${Object.keys(p.states).length} states)`);
      out.push(`    deadline: ${(s.deadline ?? []).map((d) => `${c.deadlines[d.use].workingDays} working days${d.when ? ` when ${d.when}` : ''}`).join('; ') || 'none (the regulation sets no total)'}`);
      if (s.fee) out.push(`    fee: ${s.fee.map((f) => `${f.use}${f.when ? ` when ${f.when}` : ''}`).join('; ')}`);
    }
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  },
};
