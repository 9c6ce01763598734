import type { DiffEntry } from './DiffEntry.ts';

const MAX_ITEM = 48;
const MAX_VALUE = 60;

/**
 * A plain-text table, one difference a row: AREA, ITEM, the value in A, the value in B ("—" when absent).
 * Long values are cut with "…" (`reglament diff --json` has them whole).
 */
export function formatDiffTable(entries: readonly DiffEntry[], nameA: string, nameB: string): string {
  if (entries.length === 0) return `no differences between ${nameA} and ${nameB}\n`;
  const rows = [
    ['AREA', 'ITEM', nameA, nameB],
    ...entries.map((e) => [e.area, cut(e.item, MAX_ITEM), cut(e.a ?? '—', MAX_VALUE), cut(e.b ?? '—', MAX_VALUE)]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd();
  const [head, ...body] = rows;
  const rule = widths.map((w) => '-'.repeat(w)).concat('-'.repeat(Math.min(MAX_VALUE, Math.max(...rows.map((r) => r[3]!.length))))).join('  ');
  return [line(head!), rule, ...body.map(line), '', `${entries.length} difference${entries.length === 1 ? '' : 's'}`].join('\n') + '\n';
}

function cut(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
