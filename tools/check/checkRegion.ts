/**
 * `checkRegion(config)`: every analysis of `reglament check` over one loaded region, with the findings
 * sorted, the per-service deadline budgets and the path counts.
 */
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { checkBudget, type PhaseBudget, type ServiceBudget } from './checkBudget.ts';
import { checkClauses, readRegulationText } from './checkClauses.ts';
import { checkEvents } from './checkEvents.ts';
import { checkFieldReferences } from './checkFieldReferences.ts';
import { checkGuards } from './checkGuards.ts';
import { checkStates } from './checkStates.ts';
import { checkTemplateRendering } from './checkTemplateRendering.ts';
import { checkTemplates } from './checkTemplates.ts';
import { checkUnused } from './checkUnused.ts';
import { checkWithdrawnRegistry } from './checkWithdrawnRegistry.ts';
import { sortFindings, uniqueFindings, type Finding } from './Finding.ts';
import { pathsToFinal } from './procedureGraph.ts';
import { FindingList, RegionSources } from './RegionSources.ts';

export interface CheckResult {
  readonly region: string;
  readonly dir: string;
  readonly findings: readonly Finding[];
  readonly errors: number;
  readonly warnings: number;
  readonly budgets: readonly ServiceBudget[];
  /** Every phase's limit against the worst path through it. */
  readonly phaseBudgets: readonly PhaseBudget[];
  readonly paths: readonly ProcedurePaths[];
}

/** How many simple paths lead from a procedure's initial state to a final state. */
export interface ProcedurePaths {
  readonly procedure: string;
  readonly paths: number;
  readonly capped: boolean;
}

export interface CheckOptions {
  /** The regulation's text, overriding region.yaml `regulation.text`. */
  readonly text?: string;
}

export async function checkRegion(config: RegionConfig, options: CheckOptions = {}): Promise<CheckResult> {
  const src = new RegionSources(config);
  const out = new FindingList();
  checkStates(config, src, out);
  checkEvents(config, src, out);
  checkGuards(config, src, out);
  const budgets = checkBudget(config, src, out);
  checkWithdrawnRegistry(config, src, out);
  checkFieldReferences(config, src, out);
  checkTemplates(config, src, out);
  checkTemplateRendering(config, src, out);
  checkUnused(config, src, out);
  const text = await readRegulationText(config, src, out, options.text);
  if (text) checkClauses(text, src, out);
  const findings = sortFindings(uniqueFindings(out.items));
  return {
    region: config.id,
    dir: src.shownDir,
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    budgets: budgets.services,
    phaseBudgets: budgets.phases,
    paths: regionPathCounts(config),
  };
}

/** Simple paths from initial to final state, per procedure: what the generated path tests drive through the engine. */
export function regionPathCounts(config: RegionConfig): ProcedurePaths[] {
  return Object.values(config.procedures).map((p) => {
    const { paths, capped } = pathsToFinal(p);
    return { procedure: p.id, paths: paths.length, capped };
  });
}
