/**
 * The CLI's TypeScript, bundled into one JavaScript file the first time it runs and loaded from there
 * after. Loading each of the project's modules through tsx (a transform hook per import) took about
 * half of a cold `reglament check` or server start; one bundled file loads like any JavaScript.
 *
 * The bundle (esbuild; packages stay external and load from node_modules as usual, so it lives in
 * node_modules/.cache/reglament whatever REGLAMENT_CACHE_DIR says) is kept under a name made of a
 * fingerprint of every source file (path, size, modification time), the lock file, esbuild's and
 * Node's versions: any edit gives a new bundle, built in a fraction of a second. `import.meta.url`,
 * `dirname` and `filename` keep pointing at each module's own source file, so paths relative to a
 * module (schemas, migrations, the built UI) still resolve. REGLAMENT_CACHE_DIR=off, or a bundle that
 * cannot be built or written, runs the sources through tsx as before.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SOURCES = ['config', 'engine', 'server', 'tools'];
const ENTRY = path.join(ROOT, 'tools/cli/main.ts');
const KEEP_BUNDLES = 3;

/** The CLI's `main`, from the bundle when there is (or can be made) one, else through tsx. */
export async function loadMain() {
  // Always beside the packages (the bundle imports them by name); REGLAMENT_CACHE_DIR=off turns it off.
  const dir = path.join(ROOT, 'node_modules/.cache/reglament');
  if (process.env.REGLAMENT_CACHE_DIR !== 'off') {
    try {
      const out = path.join(dir, `cli-${fingerprint()}`);
      if (!exists(path.join(out, 'main.js'))) await build(out, dir);
      return (await import(pathToFileURL(path.join(out, 'main.js')).href)).main;
    } catch (error) {
      if (process.env.REGLAMENT_DEBUG_BUNDLE) process.stderr.write(`reglament: running the sources through tsx (${error.message})\n`);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import(pathToFileURL(ENTRY).href)).main;
}

/** The name of the bundle of the sources as they are now (exported for its test). */
export function fingerprint() {
  const h = createHash('sha256');
  h.update(`${process.version}\0${esbuildVersion()}\0`);
  for (const top of SOURCES) {
    for (const file of walk(path.join(ROOT, top))) {
      const s = statSync(file);
      h.update(`${path.relative(ROOT, file)}\0${s.size}\0${s.mtimeMs}\0`);
    }
  }
  const lock = statSync(path.join(ROOT, 'package-lock.json'), { throwIfNoEntry: false });
  h.update(`lock\0${lock?.size}\0${lock?.mtimeMs}`);
  return h.digest('hex').slice(0, 24);
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith('.ts')) yield full;
  }
}

function esbuildVersion() {
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules/esbuild/package.json'), 'utf8')).version;
}

const exists = (file) => statSync(file, { throwIfNoEntry: false }) !== undefined;

/**
 * Builds into a temporary folder renamed into place, so a process never loads a half-written bundle.
 * Split into chunks at each dynamic import: a command loads only its own modules and packages.
 */
async function build(out, dir) {
  const { build: esbuild } = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  const temp = `${out}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  await esbuild({
    entryPoints: [ENTRY],
    outdir: temp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    logLevel: 'silent',
    plugins: [ownImportMeta],
  });
  try {
    renameSync(temp, out);
  } catch (error) {
    // Another process renamed its identical build into place first.
    rmSync(temp, { recursive: true, force: true });
    if (!exists(path.join(out, 'main.js'))) throw error;
  }
  // Earlier bundles are of no more use, but a process started from one may still load a chunk of it: keep the newest few.
  const older = readdirSync(dir)
    .filter((name) => /^cli-[0-9a-f]+$/.test(name) && path.join(dir, name) !== out)
    .map((name) => ({ name, at: statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { name } of older.slice(KEEP_BUNDLES - 1)) rmSync(path.join(dir, name), { recursive: true, force: true });
}

/** Each module keeps its own import.meta.url / dirname / filename (its source file), as when it ran unbundled. */
const ownImportMeta = {
  name: 'own-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents: source, loader: 'ts' };
    });
  },
};
