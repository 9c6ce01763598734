/**
 * Cited clauses exist: with the regulation's text (region.yaml `regulation.text`, or `--text`), every
 * clause number a `clause:` value cites must be a numbered clause of the text, and every «Приложение N»
 * (with its points) an appendix of it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isInside, realPathOrNull, regionsRootOf } from '../../config/loader/regionsRoot.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { clauseCitations } from './clauseCitations.ts';
import type { FindingList, RegionSources } from './RegionSources.ts';
import { parseClauseValue, parseRegulationText, showRef, type ClauseRef, type RegulationText } from './regulationText.ts';

/** The regulation text to check against: `--text` when given, else region.yaml's `regulation.text`. */
export async function readRegulationText(config: RegionConfig, src: RegionSources, out: FindingList, textFile?: string): Promise<RegulationText | undefined> {
  const declared = config.region.regulation.text;
  const file = textFile ?? (declared ? path.resolve(config.dir, declared) : undefined);
  if (!file) return undefined;
  if (!textFile) {
    // The loader refused a path out of the regions root; a symbolic link out of it is refused here.
    const real = await realPathOrNull(file);
    const { root } = await regionsRootOf(config.dir);
    if (real && !isInside(root, real)) {
      out.error('regulation-text-outside', src.where('region.yaml', ['regulation', 'text']), `the regulation text ${declared} is a link to ${real}, outside the regions root`);
      return undefined;
    }
  }
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    out.error('regulation-text-missing', textFile ? { file: textFile, line: 0, column: 0 } : src.where('region.yaml', ['regulation', 'text']), `the regulation text ${textFile ?? declared} cannot be read, so cited clauses cannot be checked`);
    return undefined;
  }
  return parseRegulationText(text);
}

/** Whether `ref` is in the text. */
export function refExists(text: RegulationText, ref: ClauseRef): boolean {
  if (ref.kind === 'clause') return text.clauses.has(ref.number);
  const appendix = text.appendices.get(ref.number);
  return !!appendix && ref.items.every((i) => appendix.items.has(i));
}

export function checkClauses(text: RegulationText, src: RegionSources, out: FindingList): void {
  for (const c of clauseCitations(src)) {
    for (const ref of parseClauseValue(c.value)) {
      if (refExists(text, ref)) continue;
      const where = { file: src.shown(c.rel), line: c.line, column: c.column };
      out.error('clause-not-in-text', where, `${c.item} cites clause ${showRef(ref)}, which the regulation text does not contain`);
    }
  }
}
