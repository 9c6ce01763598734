/**
 * Every `clause:` value in a region's own YAML files, with its position and the item that cites it.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { formatPath, type PathSegment } from '../../config/loader/yamlFile.ts';
import type { RegionSources } from './RegionSources.ts';

export interface Citation {
  readonly value: string;
  /** File relative to the region folder. */
  readonly rel: string;
  readonly line: number;
  readonly column: number;
  /** The citing item: its path in the file and its id when it has one, e.g. "deadlines[0] (grantTotal)". */
  readonly item: string;
}

export function clauseCitations(src: RegionSources): Citation[] {
  const out: Citation[] = [];
  const rels = Object.keys(src.config.files).filter((rel) => rel.endsWith('.yaml') && !src.isShared(rel)).sort();
  for (const rel of rels) {
    const file = src.yaml(rel);
    if (!file) continue;
    const walk = (node: unknown, at: PathSegment[], id: string | undefined): void => {
      if (isMap(node)) {
        const ownId = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'id' && isScalar(p.value));
        const here = ownId ? String((ownId.value as { value: unknown }).value) : id;
        for (const pair of node.items) {
          if (!isPair(pair) || !isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          if (key === 'clause' && isScalar(pair.value) && typeof pair.value.value === 'string') {
            const pos = file.lineCounter.linePos(pair.value.range?.[0] ?? 0);
            const label = formatPath(at) || rel;
            out.push({ value: pair.value.value, rel, line: pos.line, column: pos.col, item: ownId && here ? `${label} (${here})` : label });
          } else walk(pair.value, [...at, key], ownId ? here : undefined);
        }
      } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...at, i], undefined));
    };
    walk(file.doc.contents, [], undefined);
  }
  return out;
}
