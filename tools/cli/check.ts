import { formatLoadError } from '../../config/loader/LoadError.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import { REFERENCE_DATE, type PhaseBudget, type ServiceBudget, type WorstPath } from '../check/checkBudget.ts';
import { checkRegion, type CheckResult } from '../check/checkRegion.ts';
import { formatFinding } from '../check/Finding.ts';
import type { Command } from './main.ts';

/**
 * `reglament check DIR... [--json] [--text FILE]`: after the loader's validation, proves what a valid
 * region still gets wrong as a whole (see tools/check/). Exit 1 on any loader error or finding of
 * severity error (with --strict, of any severity).
 */
export const checkCommand: Command = {
  summary: 'Prove a region before it runs: reachable states, events, guards, deadline budget, field references, cited clauses',
  usage: 'reglament check DIR... [--json] [--strict] [--text REGULATION.txt]\n\n  --strict  warnings fail the check too (exit 1)\n  --text    the regulation text to check cited clauses against (default: region.yaml regulation.text)',
  async run(args) {
    const json = args.includes('--json');
    const strict = args.includes('--strict');
    const textAt = args.indexOf('--text');
    const text = textAt >= 0 ? args[textAt + 1] : undefined;
    if (textAt >= 0 && !text) {
      process.stderr.write('reglament check: --text needs a file\n');
      return 2;
    }
    const dirs = args.filter((a, i) => !a.startsWith('-') && (textAt < 0 || i !== textAt + 1));
    if (dirs.length === 0) {
      process.stderr.write('reglament check: name at least one region folder, e.g. `reglament check regions/<region>`\n');
      return 2;
    }
    let failed = false;
    const results: (CheckResult | { dir: string; loadErrors: string[] })[] = [];
    for (const dir of dirs) {
      const loaded = await loadRegion(dir);
      if (!loaded.ok) {
        failed = true;
        const lines = loaded.errors.map(formatLoadError);
        if (json) results.push({ dir, loadErrors: lines });
        else process.stderr.write(lines.join('\n') + `\n${dir}: ${lines.length} error${lines.length === 1 ? '' : 's'}\n`);
        continue;
      }
      const result = await checkRegion(loaded.config, text ? { text } : {});
      if (result.errors > 0 || (strict && result.warnings > 0)) failed = true;
      if (json) results.push(result);
      else process.stdout.write(report(result));
    }
    if (json) process.stdout.write(JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + '\n');
    return failed ? 1 : 0;
  },
};

/** The human-readable report of one region. */
export function report(r: CheckResult): string {
  const lines = r.findings.map(formatFinding);
  lines.push('', `deadline budget (working days after registration, each step using its whole limit; dates for a registration on ${REFERENCE_DATE}):`);
  for (const b of r.budgets) lines.push(...budgetLines(b));
  if (r.phaseBudgets.length > 0) {
    lines.push('', 'phase budgets (each phase\'s limit against the worst path through it):');
    for (const p of r.phaseBudgets) lines.push(...phaseLines(p));
  }
  lines.push('', `paths from the initial to a final state: ${r.paths.map((p) => `${p.procedure} ${p.paths}${p.capped ? '+ (capped)' : ''}`).join(', ')} — ${r.paths.reduce((n, p) => n + p.paths, 0)} in all`);
  lines.push(`${r.dir}: ${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}`, '');
  return lines.join('\n');
}

const ARRIVAL_TEXT = { sameDay: 'received on its registration day', earlier: 'received on a non-working day or after hours' } as const;

function verdict(worst: WorstPath, acknowledged: boolean): string {
  const v = worst.spare === null ? 'cannot be compared' : worst.spare >= 0 ? `${worst.spare} spare` : `OVERRUN by ${-worst.spare}${acknowledged ? ' (acknowledged)' : ''}`;
  return `worst ends on day ${worst.end} (${worst.endDate}), limit day ${worst.limit ?? '?'}${worst.limitDate ? ` (${worst.limitDate})` : ''}, ${ARRIVAL_TEXT[worst.arrival]}: ${v}`;
}

function budgetLines(b: ServiceBudget): string[] {
  const out = [`  service ${b.service} (procedure ${b.procedure}, ${b.paths}${b.capped ? '+' : ''} path${b.paths === 1 ? '' : 's'}, ${b.feasible} feasible):`];
  if (b.choices.length === 0) out.push("    no total deadline: the regulation sets only the steps' own limits");
  for (const c of b.choices) {
    const head = `    total ${c.deadline}${c.when ? ` when ${c.when}` : ''}: ${c.term} from ${c.from}${c.clause ? ` (п. ${c.clause})` : ''}`;
    if (!c.worst) {
      out.push(`${head}: governs no path`);
      continue;
    }
    out.push(`${head}; ${c.paths} path${c.paths === 1 ? '' : 's'}; ${verdict(c.worst, c.acknowledged !== undefined)}`, `      worst path: ${c.worst.states.join(' → ')}`);
  }
  return out;
}

function phaseLines(p: PhaseBudget): string[] {
  const head = `  phase ${p.procedure}.${p.phase} (${p.title}): ${p.term} from ${p.from} (п. ${p.clause})`;
  if (!p.worst) return [`${head}: no feasible path goes through it`];
  return [`${head}; ${p.paths} path${p.paths === 1 ? '' : 's'}; ${verdict(p.worst, p.acknowledged !== undefined)}`, `      worst path: ${p.worst.states.join(' → ')}`];
}
