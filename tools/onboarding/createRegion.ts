/**
 * Scaffolds a new region folder from an existing one: copies it, gives it its own identity, optionally
 * writes its registry.yaml from the registry form's answers, and validates the result with the loader.
 */
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { LoadError } from '../../config/loader/LoadError.ts';
import { loadRegion } from '../../config/loader/loadRegion.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { registryFromAnswers } from './registryFromAnswers.ts';
import { DEFAULT_SHARED, rewriteRegionIdentity } from './regionIdentity.ts';
import { rewriteSchemaComment, schemaPathFrom, toPosix } from './schemaComment.ts';

export interface CreateRegionOptions {
  /** The folder to create; its name becomes the region id. */
  readonly dir: string;
  /** The region folder to copy. */
  readonly from: string;
  /** Name of the region, e.g. "Приморский край". */
  readonly name: string;
  /** Full name of the authority that provides the services. */
  readonly authority: string;
  /** Must equal the folder name when given (the loader requires id = folder name). */
  readonly id?: string;
  /** IANA timezone; default: the source's. */
  readonly timezone?: string;
  /** Answers of the registry attribute form (parsed JSON): registry.yaml is written from them. */
  readonly registryAnswers?: unknown;
}

export interface CreatedRegion {
  readonly dir: string;
  readonly id: string;
  /** The loaded new region, or every error the loader found in it (the folder is kept for fixing). */
  readonly load: { ok: true; config: RegionConfig } | { ok: false; errors: LoadError[] };
  /** region.yaml keys copied from the source that describe the source's authority or act. */
  readonly review: readonly string[];
  /** What was deliberately not carried over, e.g. "calendar/2025.yaml", "authority.address". */
  readonly dropped: readonly string[];
  /** Copied files that are about the source region rather than config: its notes and YAML test cases. */
  readonly aboutSource: readonly string[];
}

/** A refusal before anything is written (bad arguments, existing target). */
export class CreateRegionError extends Error {}

const ID = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

export async function createRegion(opts: CreateRegionOptions): Promise<CreatedRegion> {
  const target = path.resolve(opts.dir);
  const source = path.resolve(opts.from);
  const id = path.basename(target);
  await checkArguments(opts, source, target, id);

  const sourceRegion = await readFile(path.join(source, 'region.yaml'), 'utf8');
  const oldShared = sharedOf(sourceRegion);
  const sharedAbs = path.resolve(source, oldShared);
  const newShared = toPosix(path.relative(target, sharedAbs));

  // Build in a sibling folder and rename at the end, so a failure never leaves half a region behind.
  const staging = `${target}.partial-${process.pid}`;
  await mkdir(path.dirname(target), { recursive: true });
  try {
    // The source's own non-working days (calendar/) are its regional holidays, not the new region's.
    const dropped: string[] = (await listFiles(path.join(source, 'calendar'))).map((f) => `calendar/${f}`);
    await cp(source, staging, { recursive: true, errorOnExist: true, force: false, filter: (src) => path.relative(source, src).split(path.sep)[0] !== 'calendar' });

    const identity = rewriteRegionIdentity(sourceRegion, {
      id,
      title: opts.name,
      authority: opts.authority,
      timezone: opts.timezone,
      shared: newShared,
    });
    await writeFile(path.join(staging, 'region.yaml'), identity.text);
    dropped.push(...identity.removed);

    if (opts.registryAnswers !== undefined) {
      const registry = registryFromAnswers(opts.registryAnswers, { schemaComment: schemaPathFrom(path.join(target, 'registry.yaml'), 'registry.schema.json') });
      if (!registry.ok) throw new CreateRegionError(`the registry answers do not make a valid registry.yaml:\n  ${registry.errors.join('\n  ')}`);
      await writeFile(path.join(staging, 'registry.yaml'), registry.yaml);
    }

    // Schema lines are computed for the final location: the staging folder sits at the same depth.
    for (const rel of await listFiles(staging)) {
      if (!rel.endsWith('.yaml')) continue;
      const text = await readFile(path.join(staging, rel), 'utf8');
      const next = rewriteSchemaComment(text, path.join(target, rel));
      if (next !== text) await writeFile(path.join(staging, rel), next);
    }
    // The copied test cases state the source's regulation: mark each file until someone re-checks it.
    for (const rel of (await listFiles(staging)).filter((f) => f.startsWith('tests/') && f.endsWith('.yaml'))) {
      const text = await readFile(path.join(staging, rel), 'utf8');
      const marked = markCopied(text, String(parseDocument(sourceRegion).get('id') ?? path.basename(source)));
      if (marked !== text) await writeFile(path.join(staging, rel), marked);
    }
    const aboutSource = (await listFiles(staging)).filter((rel) => rel.endsWith('.md') || rel.startsWith('tests/'));
    await rename(staging, target);
    const load = await loadRegion(target);
    return { dir: target, id, load, review: identity.review, dropped, aboutSource };
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

async function checkArguments(opts: CreateRegionOptions, source: string, target: string, id: string): Promise<void> {
  if (!ID.test(id)) throw new CreateRegionError(`the folder name "${id}" is the region id and must be latin letters, digits, "-" or "_", starting with a letter`);
  if (opts.id !== undefined && opts.id !== id) throw new CreateRegionError(`--id ${opts.id} differs from the folder name "${id}": the region id must equal its folder name`);
  if (!opts.name.trim()) throw new CreateRegionError('--name must not be empty');
  if (!opts.authority.trim()) throw new CreateRegionError('--authority must not be empty');
  if (opts.timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: opts.timezone });
    } catch {
      throw new CreateRegionError(`--timezone ${opts.timezone} is not a known IANA timezone (e.g. Europe/Moscow, Asia/Vladivostok)`);
    }
  }
  if (await exists(target)) throw new CreateRegionError(`${opts.dir} already exists; choose a new folder`);
  if (!(await exists(path.join(source, 'region.yaml')))) throw new CreateRegionError(`${opts.from} is not a region folder (no region.yaml)`);
  if (target === source || target.startsWith(source + path.sep)) throw new CreateRegionError('the new folder cannot be inside the folder it is copied from');
}

/** A tests/*.yaml text with `copiedFrom` set before its cases (comments and layout kept), unless it has one. */
export function markCopied(text: string, sourceId: string): string {
  if (/^copiedFrom:/m.test(text)) return text;
  const line = `copiedFrom: { region: ${sourceId}, note: "Случаи взяты из регламента региона ${sourceId}: проверьте каждую дату, сумму и пункт по регламенту этого региона и его календарю, затем удалите copiedFrom" }\n`;
  return /^cases:/m.test(text) ? text.replace(/^cases:/m, `${line}cases:`) : text;
}

/** The `shared:` value of region.yaml text, as the loader reads it. */
function sharedOf(regionText: string): string {
  const value: unknown = parseDocument(regionText).get('shared');
  return typeof value === 'string' ? value.replace(/\/+$/, '') : DEFAULT_SHARED;
}

/** Every file under `dir`, relative and "/"-separated; [] when it does not exist. */
async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, child)));
    else if (e.isFile()) out.push(child);
  }
  return out.sort();
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}
