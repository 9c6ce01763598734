import Handlebars from 'handlebars';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { documentHelpers } from './helpers.ts';

/** A compiled document template: context in, HTML body out. */
export type CompiledTemplate = (context: unknown) => string;

/** One entry per loaded config object; a RegionConfig is frozen and loaded once per version. */
const cache = new WeakMap<RegionConfig, ReadonlyMap<string, CompiledTemplate>>();

/**
 * Every template of a region config, compiled once on a Handlebars instance of its own (so no
 * region's helpers or partials can leak into another's). Unescaped output (`{{{…}}}`, `{{&…}}`) is
 * refused here as well as by the loader, so a value can never inject markup into a document.
 *
 * @throws Error naming the template when one does not parse or prints unescaped output
 */
export function compiledTemplates(region: RegionConfig): ReadonlyMap<string, CompiledTemplate> {
  let compiled = cache.get(region);
  if (!compiled) {
    const handlebars = Handlebars.create();
    handlebars.registerHelper(documentHelpers);
    const map = new Map<string, CompiledTemplate>();
    for (const [id, template] of Object.entries(region.templates)) {
      const ast = handlebars.parse(template.source);
      if (hasUnescapedOutput(ast)) {
        throw new Error(`template ${id} (templates/${template.file}) prints unescaped output {{{…}}}; documents escape every value`);
      }
      const render = handlebars.compile(ast, { strict: false, noEscape: false });
      map.set(id, (context) => render(context));
    }
    compiled = map;
    cache.set(region, compiled);
  }
  return compiled;
}

function hasUnescapedOutput(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  const n = node as { type?: string; escaped?: boolean };
  if (n.type === 'MustacheStatement' && n.escaped === false) return true;
  return Object.values(node).some((child) => (Array.isArray(child) ? child.some(hasUnescapedOutput) : typeof child === 'object' && hasUnescapedOutput(child)));
}
