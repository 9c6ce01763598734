/**
 * Broken versions of a region's files (fast-check arbitraries): one to three mutations, each on one
 * file: cut, deleted or inserted text, YAML syntax in the wrong place, lines moved or re-indented,
 * scalars of the wrong kind, alias bombs, deep nesting, binary noise, files removed, emptied or added,
 * references renamed. Each case carries a description of what was done, for failure messages.
 */
import fc from 'fast-check';

export type FileMap = Record<string, string>;

export interface MutatedRegion {
  readonly description: string;
  readonly files: FileMap;
}

const TOKENS = [
  ': ', '- ', '{', '}', '[', ']', ',', '&a ', '*a', '*missing', '!!binary ', '!!js/function ', '!<tag:yaml.org,2002:str> ', '!!set ',
  '\t', '"', "'", '|', '>-', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '---\n', '...\n', '<<: *a\n', '? ', '#', '\u0000', '\ud800', '\ufeff',
  '\r', '\r\n', '\u2028', '@', '`', '\\', 'id: ', 'type: final\n', 'on:\n', 'states: {}\n', 'clause: ',
];

const SCALARS = [
  '[', '{', '- x', '&a', '*nope', '!!binary x', '!!js/function "f"', '0x1F', '0o17', '1e999', '-.inf', '.nan', 'null', '~', "''", '"\\ud800"',
  '"\\u0000"', 'yes', 'no', 'on', '2025-02-30', '9'.repeat(400), '-1', '1.5', '[[[[[]]]]]', '{a: {b: {c: 1}}}', '|\n  block', '"unterminated',
  'true', 'constructor', '__proto__', "'__proto__'", 'x'.repeat(5_000),
];

/** A nested alias expansion: each level refers to the previous twice (2^depth nodes if expanded). */
const aliasBomb = (depth: number) =>
  `\nbomb0: &b0 [x, x]\n${Array.from({ length: depth }, (_, i) => `bomb${i + 1}: &b${i + 1} [*b${i}, *b${i}]`).join('\n')}\n`;

type Op = (files: FileMap, name: string) => { files: FileMap; what: string };

const at = (text: string, position: number) => (text.length === 0 ? 0 : position % (text.length + 1));
const lines = (text: string) => text.split('\n');
const edit = (files: FileMap, name: string, text: string): FileMap => ({ ...files, [name]: text });

const ops: fc.Arbitrary<Op> = fc.oneof(
  fc.nat().map<Op>((p) => (files, name) => ({ files: edit(files, name, files[name].slice(0, at(files[name], p))), what: `cut at ${p}` })),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 200 })).map<Op>(([p, n]) => (files, name) => {
    const i = at(files[name], p);
    return { files: edit(files, name, files[name].slice(0, i) + files[name].slice(i + n)), what: `deleted ${n} at ${i}` };
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...TOKENS)).map<Op>(([p, token]) => (files, name) => {
    const i = at(files[name], p);
    return { files: edit(files, name, files[name].slice(0, i) + token + files[name].slice(i)), what: `inserted ${JSON.stringify(token)} at ${i}` };
  }),
  fc.tuple(fc.nat(), fc.nat()).map<Op>(([a, b]) => (files, name) => {
    const ls = lines(files[name]);
    const [i, j] = [a % ls.length, b % ls.length];
    [ls[i], ls[j]] = [ls[j], ls[i]];
    return { files: edit(files, name, ls.join('\n')), what: `swapped lines ${i + 1} and ${j + 1}` };
  }),
  fc.nat().map<Op>((a) => (files, name) => {
    const ls = lines(files[name]);
    const i = a % ls.length;
    ls.splice(i, 0, ls[i]);
    return { files: edit(files, name, ls.join('\n')), what: `duplicated line ${i + 1}` };
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map<Op>(([a, delta]) => (files, name) => {
    const ls = lines(files[name]);
    const i = a % ls.length;
    ls[i] = delta >= 0 ? ' '.repeat(delta) + ls[i] : ls[i].replace(new RegExp(`^ {0,${-delta}}`), '');
    return { files: edit(files, name, ls.join('\n')), what: `re-indented line ${i + 1} by ${delta}` };
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...SCALARS)).map<Op>(([a, scalar]) => (files, name) => {
    const ls = lines(files[name]);
    const candidates = ls.map((l, i) => (/:\s+\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length === 0) return { files, what: 'no scalar to replace' };
    const i = candidates[a % candidates.length];
    ls[i] = ls[i].replace(/:\s+.*$/, `: ${scalar}`);
    return { files: edit(files, name, ls.join('\n')), what: `line ${i + 1} value -> ${JSON.stringify(scalar.slice(0, 30))}` };
  }),
  fc.integer({ min: 5, max: 40 }).map<Op>((depth) => (files, name) => ({ files: edit(files, name, files[name] + aliasBomb(depth)), what: `alias bomb of depth ${depth}` })),
  // Deep enough to overflow any recursive walk; the yaml parser needs ~0.15 ms a level, so deeper only costs time.
  fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('[', '{a: ', '- ')).map<Op>(([depth, open]) => (files, name) => ({
    files: edit(files, name, `x: ${open.repeat(depth)}`),
    what: `nesting ${JSON.stringify(open)} ×${depth}`,
  })),
  fc.string({ unit: 'binary', maxLength: 300 }).map<Op>((noise) => (files, name) => ({ files: edit(files, name, noise), what: `replaced by ${noise.length} random characters` })),
  fc.constant<Op>((files, name) => {
    const { [name]: _, ...rest } = files;
    return { files: rest, what: 'removed' };
  }),
  fc.constant<Op>((files, name) => ({ files: edit(files, name, ''), what: 'emptied' })),
  fc.constantFrom('services/extra.yaml', 'forms/extra.yaml', 'procedures/extra.yaml', 'calendar/1.yaml', 'templates/x.hbs').map<Op>((added) => (files, name) => ({
    files: { ...files, [added]: files[name] },
    what: `copied to ${added}`,
  })),
  fc.tuple(fc.nat(), fc.constantFrom('nope', '', 'permit', 'registration', 'x'.repeat(300), 'Ж', '../region')).map<Op>(([a, replacement]) => (files, name) => {
    const ids = [...new Set(files[name].match(/\b[a-z][A-Za-z0-9-]{2,}\b/g) ?? [])];
    if (ids.length === 0) return { files, what: 'no identifier to rename' };
    const id = ids[a % ids.length];
    return { files: edit(files, name, files[name].replaceAll(id, replacement)), what: `renamed ${id} -> ${JSON.stringify(replacement.slice(0, 20))}` };
  }),
);

/** One to three mutations of randomly chosen files of `files`. */
export function mutatedRegion(files: FileMap): fc.Arbitrary<MutatedRegion> {
  const names = Object.keys(files).sort();
  return fc.array(fc.tuple(fc.nat(), ops), { minLength: 1, maxLength: 3 }).map((steps) => {
    let current = files;
    const done: string[] = [];
    for (const [pick, op] of steps) {
      const available = Object.keys(current).sort();
      const name = available.length > 0 ? available[pick % available.length] : names[pick % names.length];
      if (current[name] === undefined) current = { ...current, [name]: '' };
      const result = op(current, name);
      current = result.files;
      done.push(`${name}: ${result.what}`);
    }
    return { description: done.join('; '), files: current };
  });
}
