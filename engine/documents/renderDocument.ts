import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { compiledTemplates } from './compiledTemplates.ts';
import type { DocumentContext } from './documentContext.ts';
import { htmlPage } from './htmlPage.ts';

/**
 * Renders a region's document template (templates/index.yaml) into a complete, printable HTML page.
 * Every value is HTML-escaped; the template is compiled once per config version. The page carries the
 * authority's header, the document's number (if it has one) and date, and page numbers when printed.
 *
 * @throws Error when the region has no such template (a config error the loader reports first)
 */
export function renderDocument(region: RegionConfig, templateId: string, context: DocumentContext, number: string | null = null): string {
  const template = Object.hasOwn(region.templates, templateId) ? region.templates[templateId] : undefined;
  const render = compiledTemplates(region).get(templateId);
  if (!template || !render) throw new Error(`region ${region.id} has no document template "${templateId}"`);
  return htmlPage(template.title, render(context), { authority: region.region.authority.title, number, date: context.today });
}
