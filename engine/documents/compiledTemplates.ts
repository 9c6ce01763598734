import Handlebars from 'handlebars';
import { TEMPLATE_HELPERS, templateViolations } from '../../config/loader/templatePolicy.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { documentHelpers } from './helpers.ts';

/** A compiled document template: context in, HTML body out. */
export type CompiledTemplate = (context: unknown) => string;

/** One entry per loaded config object; a RegionConfig is frozen and loaded once per version. */
const cache = new WeakMap<RegionConfig, ReadonlyMap<string, CompiledTemplate>>();

/**
 * Only the allowed helpers are known to the compiler, and no others may be called (knownHelpersOnly):
 * a template that calls anything else does not compile. `log` is switched off outright.
 */
const COMPILE_OPTIONS = {
  strict: false,
  noEscape: false,
  knownHelpersOnly: true,
  knownHelpers: { ...Object.fromEntries(TEMPLATE_HELPERS.map((name) => [name, true])), log: false, helperMissing: false, blockHelperMissing: false },
} as const;

/**
 * Every template of a region config, compiled once on a Handlebars instance of its own (so no
 * region's helpers or partials can leak into another's) that has only the allowed helpers. The
 * template policy the loader applies (config/loader/templatePolicy.ts: no partials, decorators,
 * unescaped output or other helpers) is checked again here, so a config that bypassed the loader
 * still cannot print unescaped markup or data to the log.
 *
 * @throws Error naming the template when one does not parse or breaks the policy
 */
export function compiledTemplates(region: RegionConfig): ReadonlyMap<string, CompiledTemplate> {
  let compiled = cache.get(region);
  if (!compiled) {
    const handlebars = Handlebars.create();
    handlebars.unregisterHelper('log');
    handlebars.registerHelper(documentHelpers);
    const map = new Map<string, CompiledTemplate>();
    for (const [id, template] of Object.entries(region.templates)) {
      const ast = handlebars.parse(template.source);
      const [violation] = templateViolations(ast);
      if (violation) throw new Error(`template ${id} (templates/${template.file}:${violation.line}:${violation.column}): ${violation.message}`);
      const render = handlebars.compile(ast, COMPILE_OPTIONS);
      map.set(id, (context) => render(context));
    }
    compiled = map;
    cache.set(region, compiled);
  }
  return compiled;
}
