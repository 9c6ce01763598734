/**
 * The top of a V8 CPU profile (`node --cpu-prof`, or `npm run bench -- http --prof`), as text:
 * `npx tsx bench/profileTop.ts FILE.cpuprofile [--top 25] [--from MS]`.
 *
 * Prints the functions with the most self time, then the same time grouped by package (node_modules/x)
 * or project folder, each as a share of the sampled time. `--from` drops the samples of the first MS
 * milliseconds (start-up), so a server profile shows its load window.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, from: { type: 'string', default: '0' } } });
if (positionals.length === 0) {
  process.stderr.write('usage: npx tsx bench/profileTop.ts FILE.cpuprofile [--top 25] [--from MS]\n');
  process.exit(2);
}

for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let elapsed = 0;
  let total = 0;
  const fromUs = Number(values.from) * 1000;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    elapsed += delta;
    if (elapsed < fromUs) continue;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
    total += delta;
  }
  const fns = new Map<string, number>();
  const groups = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const short = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/').replace(process.cwd() + '/', '');
    const name = `${functionName || '(anonymous)'} ${short ? `${short}:${lineNumber + 1}` : ''}`.trim();
    fns.set(name, (fns.get(name) ?? 0) + us);
    groups.set(groupOf(short, functionName), (groups.get(groupOf(short, functionName)) ?? 0) + us);
  }
  const print = (title: string, map: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
      console.log(`${((us / total) * 100).toFixed(1).padStart(6)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
    }
  };
  console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled${fromUs ? ` after the first ${values.from} ms` : ''}`);
  print('self time by function', fns);
  print('self time by package or folder', groups);
}

/** node_modules/<pkg>, node:<module>, a project folder (engine/store), or the VM's own entries ((garbage collector)). */
function groupOf(url: string, functionName: string): string {
  if (!url) return functionName || '(unknown)';
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[0];
  if (url.startsWith('node:')) return url;
  const parts = url.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : parts[0];
}
