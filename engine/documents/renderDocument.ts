import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { compiledTemplates } from './compiledTemplates.ts';
import type { DocumentContext } from './documentContext.ts';
import { htmlPage } from './htmlPage.ts';

/**
 * Renders a region's document template (templates/index.yaml) into a complete, printable HTML page.
 * Every value is HTML-escaped; the template is compiled once per config version.
 *
 * @throws Error when the region has no such template (a config error the loader reports first)
 */
export function renderDocument(region: RegionConfig, templateId: string, context: DocumentContext): string {
  const template = Object.hasOwn(region.templates, templateId) ? region.templates[templateId] : undefined;
  const render = compiledTemplates(region).get(templateId);
  if (!template || !render) throw new Error(`region ${region.id} has no document template "${templateId}"`);
  return htmlPage(template.title, render(context));
}
