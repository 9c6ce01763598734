import type { RegionConfig } from '../../../config/types/RegionConfig.ts';
import { compare, compareRecords, type DiffEntry } from './DiffEntry.ts';

/** Named rules, refusal grounds, document templates and the licence registry. */
export function diffOther(a: RegionConfig, b: RegionConfig, out: DiffEntry[]): void {
  compareRecords(out, 'rules', a.rules, b.rules, { whole: (r) => JSON.stringify(r.when) });

  const grounds = (c: RegionConfig) =>
    Object.fromEntries(Object.values(c.refusals).flatMap((g) => g.grounds.map((x) => [`${g.id}.${x.id}`, x.title] as const)));
  compareRecords(out, 'refusals', grounds(a), grounds(b), { whole: (title) => title });

  compareRecords(out, 'templates', a.templates, b.templates, {
    whole: (t) => `${t.title} (${t.file})`,
    parts: (t) => [['', `${t.title} (${t.file})`]],
  });
  for (const id of Object.keys(a.templates)) {
    const tb = b.templates[id];
    if (tb && tb.source !== a.templates[id]!.source) {
      const [la, lb] = firstDifferentLine(a.templates[id]!.source, tb.source);
      compare(out, 'templates', `${id} › text`, la, lb);
    }
  }

  const ra = a.registry;
  const rb = b.registry;
  compare(out, 'registry', 'title', ra?.title, rb?.title);
  const numbering = (r: typeof ra) => r && `${r.numbering.pattern}${r.numbering.digits !== undefined ? `, ${r.numbering.digits} digits` : ''}`;
  compare(out, 'registry', 'numbering', numbering(ra), numbering(rb));
  const attrs = (r: typeof ra) => Object.fromEntries((r?.attributes ?? []).map((x) => [x.id, x] as const));
  compareRecords(out, 'registry', attrs(ra), attrs(rb), {
    name: (id) => `attribute ${id}`,
    whole: (x) => `${x.title} ← ${x.from}${x.searchable ? ', searchable' : ''}${x.public === false ? ', not public' : ''}`,
  });
}

/** The first line where two texts differ ("" when one text ran out), so a reader sees what changed. */
function firstDifferentLine(a: string, b: string): [string, string] {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return [`line ${i + 1}: ${la[i] ?? ''}`, `line ${i + 1}: ${lb[i] ?? ''}`];
  }
  return ['', ''];
}
