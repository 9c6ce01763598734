import { simulateService } from '../simulate/simulateService.ts';
import { formatLoadError } from '../../config/loader/LoadError.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import type { Command } from './main.ts';

const fmt = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/** `reglament simulate DIR SERVICE --received ISO [--path E1,E2>target,...]`: due date of every step. */
export const simulateCommand: Command = {
  summary: 'Show when each step of a service falls due for an application received at a given moment',
  usage: 'reglament simulate DIR SERVICE --received 2024-12-27T17:30:00+03:00 [--path EVENT1,EVENT2>targetState,...] [--json]',
  async run(args) {
    const positional: string[] = [];
    let received: string | undefined;
    let pathArg = '';
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--received') received = args[++i];
      else if (args[i] === '--path') pathArg = args[++i] ?? '';
      else if (!args[i].startsWith('--')) positional.push(args[i]);
    }
    const [dir, service] = positional;
    const at = received ? new Date(received) : undefined;
    if (!dir || !service || !at || Number.isNaN(at.getTime())) {
      process.stderr.write(`usage: ${this.usage}\n(--received must be an ISO 8601 instant with its offset)\n`);
      return 2;
    }
    const loaded = await loadRegion(dir);
    if (!loaded.ok) {
      for (const e of loaded.errors) process.stderr.write(formatLoadError(e) + '\n');
      return 1;
    }
    let sim;
    try {
      sim = simulateService(loaded.config, service, at, pathArg ? pathArg.split(',').map((s) => s.trim()).filter(Boolean) : []);
    } catch (e) {
      process.stderr.write(`reglament simulate: ${(e as Error).message}\n`);
      return 1;
    }
    if (args.includes('--json')) {
      process.stdout.write(JSON.stringify(sim, null, 2) + '\n');
      return 0;
    }
    const rows = [['step', 'role', 'limit', 'starts', 'due', 'then']];
    for (const s of sim.steps) {
      rows.push([
        `${s.state} (${s.title})`,
        s.role ?? '',
        s.deadline ? `${s.deadline.workingDays} wd from ${s.deadline.from} (п. ${s.deadline.clause})` : '',
        fmt(s.startedOn),
        s.due ? `${fmt(s.due.date)}${s.due.provisional ? ' provisional' : ''}` : '',
        s.event ?? 'final',
      ]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    const out = [`received ${received} (receipt ${fmt(sim.receivedOn)}), registered ${fmt(sim.registeredOn)} (${loaded.config.region.timezone})`, ''];
    for (const r of rows) out.push(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
    out.push('');
    for (const d of sim.serviceDue) {
      out.push(`service due${d.when ? ` when ${d.when}` : ''}: ${d.due ? fmt(d.due.date) : '—'}${d.due?.provisional ? ' (provisional: no published calendar for that year)' : ''} — ${d.workingDays} working days from ${d.from} (п. ${d.clause})`);
    }
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  },
};
