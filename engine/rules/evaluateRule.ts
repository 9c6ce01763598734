import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { isReglamentError, ReglamentError } from '../errors.ts';
import { evaluateLogic } from './evaluateLogic.ts';
import { jsonLogic } from './jsonLogic.ts';
import type { RuleData } from './RuleData.ts';

/**
 * Whether the named rule of rules.yaml holds for `data` (JSON Logic truthiness: [] and "" are false).
 * An unknown rule id or an invalid rule is a config error (ReglamentError naming the rule).
 */
export function evaluateRule(region: RegionConfig, ruleId: string, data: RuleData): boolean {
  const rule = Object.hasOwn(region.rules, ruleId) ? region.rules[ruleId] : undefined;
  if (!rule) throw new ReglamentError(`unknown rule "${ruleId}" in region "${region.id}"`);
  try {
    return jsonLogic.truthy(evaluateLogic(rule.when, data));
  } catch (e) {
    if (isReglamentError(e)) throw new ReglamentError(`rule "${ruleId}": ${e.message}`);
    throw e;
  }
}
