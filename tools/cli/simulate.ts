import type { RegistrationRule } from '../../engine/calendar/registrationDate.ts';
import { simulateService } from '../simulate/simulateService.ts';
import { formatLoadError } from '../../config/loader/LoadError.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import type { Command } from './main.ts';

const fmt = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

const RULE_TEXT: Record<RegistrationRule, string> = {
  workingDay: 'a working day (the region sets no office hours)',
  withinHours: 'a working day, within office hours',
  beforeCutoff: 'a working day, before the cut-off for electronic filings',
  nonWorkingDay: 'received on a non-working day: the next working day',
  outsideHours: 'received outside office hours: the next working day',
  afterCutoff: 'received after the cut-off for electronic filings: the next working day',
};

/**
 * `reglament simulate DIR SERVICE --received ISO [--path ...]`: due date of every step, phase and total.
 * A path item is EVENT, EVENT>state, and optionally @YYYY-MM-DD (sent that day) or +N (sent N working
 * days after its step began): `--path REQUEST_INFO,INFO_RECEIVED+3` pauses the clocks the waiting step
 * stops for three working days.
 */
export const simulateCommand: Command = {
  summary: 'Show when each step, phase and total of a service falls due for an application received at a given moment',
  usage:
    'reglament simulate DIR SERVICE --received 2024-12-27T17:30:00+03:00 [--path EVENT1,EVENT2>state,EVENT3@2025-01-20,EVENT4+3,...] [--json]\n\n' +
    '  --path  the events, in order; EVENT>state picks a branch; @DATE sends the event on that day, +N that many working\n' +
    '          days after its step began (a pause, when the step stops clocks); otherwise on the due date of its step',
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
    const due = (d: { date: string; provisional: boolean } | null) => (d ? `${fmt(d.date)}${d.provisional ? ' provisional' : ''}` : '—');
    const rows = [['step', 'role', 'limit', 'starts', 'due', 'then']];
    for (const s of sim.steps) {
      rows.push([
        `${s.state} (${s.title})`,
        s.role ?? '',
        s.deadline ? `${s.deadline.term} from ${s.deadline.from} (п. ${s.deadline.clause})` : '',
        fmt(s.startedOn),
        s.deadline ? due(s.due) : '',
        s.event ? `${s.event} on ${fmt(s.leftOn!)}` : 'end',
      ]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    const out = [
      `received ${received}: receipt ${fmt(sim.receivedOn)}; registered ${fmt(sim.registeredOn)}: ${RULE_TEXT[sim.registration]} (${loaded.config.region.timezone})`,
      'terms count from receipt (the day it arrived) or registration, as each says under "limit"',
      '',
    ];
    for (const r of rows) out.push(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
    if (sim.phases.length > 0) {
      out.push('', 'phases:');
      for (const p of sim.phases) {
        out.push(`  ${p.id} (${p.title}): ${p.deadline.term} from ${p.deadline.from} (п. ${p.deadline.clause}); began ${fmt(p.startedOn)}, due ${due(p.due)}, ${p.closedOn ? `closed ${fmt(p.closedOn)}` : 'still open'}`);
      }
    }
    out.push('');
    for (const d of sim.serviceDue) {
      out.push(`service due${d.when ? ` when ${d.when}` : ''}: ${due(d.due)}${d.due?.provisional ? ' (provisional: no published calendar for that year)' : ''} — ${d.term} from ${d.from} (п. ${d.clause})`);
    }
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  },
};
