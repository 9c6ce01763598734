/**
 * loadRegion(dir): reads a region folder, validates every file against its schema, checks the
 * references between files, and returns one frozen RegionConfig, or every error found.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CalendarYearFile, DeadlinesFile, FeesFile, FormFile, ProcedureFile, RefusalsFile, RegionFile, RegistryFile, RolesFile, RulesFile, ServiceFile, TemplatesFile } from '../types/generated.ts';
import type { LoadedTemplate, RegionConfig } from '../types/RegionConfig.ts';
import { cachedRegion } from './cachedRegion.ts';
import { checkReferences } from './checkReferences.ts';
import { sortLoadErrors, type LoadError } from './LoadError.ts';
import { readRegionFolder, type FileMap, type SharedSetting } from './readRegionFolder.ts';
import { isInside, looksAbsolute, realPathOrNull, regionsRootOf } from './regionsRoot.ts';
import { validateFile, type FileKind } from './schemaValidator.ts';
import { locate, parseYamlText, type YamlFile } from './yamlFile.ts';

export type LoadResult = { ok: true; config: RegionConfig } | { ok: false; errors: LoadError[] };

const DEFAULT_SHARED = '../_shared';
/** Single files of a region; those marked shared fall back to the shared folder's file of that name. */
const SINGLE_FILES: { name: string; kind: FileKind; required: boolean; shared: boolean }[] = [
  { name: 'roles.yaml', kind: 'roles', required: true, shared: true },
  { name: 'deadlines.yaml', kind: 'deadlines', required: true, shared: false },
  { name: 'fees.yaml', kind: 'fees', required: false, shared: true },
  { name: 'rules.yaml', kind: 'rules', required: false, shared: true },
  { name: 'refusals.yaml', kind: 'refusals', required: false, shared: true },
  { name: 'registry.yaml', kind: 'registry', required: false, shared: true },
  { name: 'templates/index.yaml', kind: 'templates', required: false, shared: false },
];
const FOLDERS: { dir: string; kind: FileKind }[] = [
  { dir: 'services', kind: 'service' },
  { dir: 'forms', kind: 'form' },
  { dir: 'procedures', kind: 'procedure' },
  { dir: 'calendar', kind: 'calendar' },
];

/** Loads the region folder `dir`. */
export async function loadRegion(dir: string): Promise<LoadResult> {
  const abs = path.resolve(dir);
  const shown = shownPath(abs);
  const errors: LoadError[] = [];
  const isDir = await stat(abs).then((s) => s.isDirectory(), () => false);
  if (!isDir) return { ok: false, errors: [{ file: shown, line: 0, column: 0, path: '', message: 'is not a folder' }] };
  const roots = await regionsRootOf(abs);
  const real = (await realPathOrNull(abs)) ?? abs;
  if (!isInside(roots.root, real)) {
    return { ok: false, errors: [{ file: shown, line: 0, column: 0, path: '', message: `is a symbolic link to ${real}, outside the folder that holds it: a region folder is read where it is listed` }] };
  }
  const regionText = await readFile(path.join(abs, 'region.yaml'), 'utf8').catch(() => undefined);
  if (regionText === undefined) return { ok: false, errors: [{ file: `${shown}/region.yaml`, line: 0, column: 0, path: '', message: 'missing: every region folder starts with region.yaml' }] };
  const files = await readRegionFolder(abs, sharedSettingOf(regionText), errors, shown, roots);
  // A folder that read cleanly may have been loaded before from the very same files (cachedRegion).
  return errors.length > 0 ? assemble(abs, files, errors) : cachedRegion(abs, files, () => assemble(abs, files, errors));
}

/** Loads a region from files kept in memory (a stored old version), as if they were in `dir`. */
export function loadRegionFromFiles(dir: string, files: FileMap): LoadResult {
  const abs = path.resolve(dir);
  return cachedRegion(abs, files, () => assemble(abs, files, []));
}

/** The `shared:` value of region.yaml and where it is, read before full validation so the shared files can be collected. */
function sharedSettingOf(regionText: string): SharedSetting {
  const doc = parseYamlText(regionText, 'region.yaml', []);
  const value = (doc?.data as { shared?: unknown } | undefined)?.shared;
  if (typeof value !== 'string') return { rel: DEFAULT_SHARED, line: 0, column: 0 };
  const at = doc ? locate(doc, ['shared']) : { line: 0, column: 0 };
  return { rel: value.replace(/\/+$/, ''), ...at };
}

/** Just the `shared:` folder of region.yaml text (the default when it names none). */
function sharedFolderOf(regionText: string): string {
  return sharedSettingOf(regionText).rel ?? DEFAULT_SHARED;
}

function assemble(abs: string, files: FileMap, errors: LoadError[]): LoadResult {
  const shown = shownPath(abs);
  const parse = (rel: string, kind: FileKind): YamlFile | undefined => {
    const file = parseYamlText(files[rel], path.join(shown, rel), errors);
    if (file && !validateFile(kind, file, errors)) return undefined;
    return file;
  };
  const sources: Record<string, YamlFile> = {};
  const region = files['region.yaml'] !== undefined ? parse('region.yaml', 'region') : undefined;
  if (files['region.yaml'] === undefined) errors.push({ file: `${shown}/region.yaml`, line: 0, column: 0, path: '', message: 'missing: every region folder starts with region.yaml' });
  if (region) sources['region.yaml'] = region;
  const regionData = region?.data as RegionFile | undefined;
  // Read from the text when region.yaml has an error elsewhere, so the shared files are still recognised.
  const sharedRel = (regionData?.shared ?? (files['region.yaml'] !== undefined ? sharedFolderOf(files['region.yaml']) : DEFAULT_SHARED)).replace(/\/+$/, '');

  const known = new Set<string>(['region.yaml']);
  const single: Record<string, unknown> = {};
  for (const spec of SINGLE_FILES) {
    let rel = spec.name;
    if (files[rel] === undefined && spec.shared && files[`${sharedRel}/${spec.name}`] !== undefined) rel = `${sharedRel}/${spec.name}`;
    known.add(spec.name);
    known.add(`${sharedRel}/${spec.name}`);
    if (files[rel] === undefined) {
      if (spec.required) errors.push({ file: `${shown}/${spec.name}`, line: 0, column: 0, path: '', message: `missing: a region needs ${spec.name}${spec.shared ? ` (or ${sharedRel}/${spec.name})` : ''}` });
      continue;
    }
    const parsed = parse(rel, spec.kind);
    if (parsed) {
      single[spec.name] = parsed.data;
      sources[rel] = parsed;
    }
  }

  const byFolder: Record<string, Record<string, { data: unknown; file: YamlFile }>> = {};
  const folderFiles = (prefix: string) => Object.keys(files).filter((f) => f.startsWith(`${prefix}/`) && f.endsWith('.yaml') && !f.slice(prefix.length + 1).includes('/'));
  for (const { dir, kind } of FOLDERS) {
    byFolder[dir] = {};
    const rels = [...folderFiles(dir), ...(dir === 'calendar' ? folderFiles(`${sharedRel}/calendar`) : [])];
    for (const rel of rels) {
      known.add(rel);
      const parsed = parse(rel, kind);
      if (parsed) {
        byFolder[dir][rel] = { data: parsed.data, file: parsed };
        sources[rel] = parsed;
      }
    }
  }

  const templateSources: Record<string, string> = {};
  for (const rel of Object.keys(files)) {
    if (rel.startsWith('templates/') && rel.endsWith('.hbs')) {
      templateSources[rel.slice('templates/'.length)] = files[rel];
      known.add(rel);
    }
  }
  // Cross-references need every file to be well-formed; an unknown extra file does not prevent them.
  const malformed = errors.length > 0;
  for (const rel of Object.keys(files)) {
    if (known.has(rel) || rel.startsWith(`${sharedRel}/`)) continue;
    errors.push({ file: path.join(shown, rel), line: 0, column: 0, path: '', message: 'unknown file: a region folder holds region.yaml, roles.yaml, deadlines.yaml, fees.yaml, rules.yaml, refusals.yaml, registry.yaml, services/, forms/, procedures/, templates/ and calendar/ (see README)' });
  }

  if (!regionData || malformed) return { ok: false, errors: sortLoadErrors(errors) };
  const text = regionData.regulation.text;
  if (text !== undefined && (looksAbsolute(text) || !isInside(path.dirname(abs), path.resolve(abs, text)))) {
    const at = locate(region!, ['regulation', 'text']);
    errors.push({ file: region!.file, ...at, path: 'regulation.text', message: `must be a file inside the regions root (relative to the region folder, no absolute path and no ".." out of it); got "${text}"` });
  }

  const list = <T>(dir: string) => Object.values(byFolder[dir]) as { data: T; file: YamlFile }[];
  const calendarFederal: Record<number, CalendarYearFile> = {};
  const calendarOverlay: Record<number, CalendarYearFile> = {};
  for (const [rel, { data }] of Object.entries(byFolder.calendar)) {
    const year = (data as CalendarYearFile).year;
    (rel.startsWith(`${sharedRel}/`) ? calendarFederal : calendarOverlay)[year] = data as CalendarYearFile;
  }
  const templatesIndex = single['templates/index.yaml'] as TemplatesFile | undefined;
  const templates: Record<string, LoadedTemplate> = {};
  for (const t of templatesIndex?.templates ?? []) templates[t.id] = { ...t, source: templateSources[t.file] ?? '' };

  const config: RegionConfig = {
    id: regionData.id,
    dir: abs,
    version: contentHash(files),
    region: regionData,
    roles: byId((single['roles.yaml'] as RolesFile | undefined)?.roles ?? []),
    services: byId(list<ServiceFile>('services').map((s) => s.data)),
    forms: byId(list<FormFile>('forms').map((s) => s.data)),
    procedures: byId(list<ProcedureFile>('procedures').map((s) => s.data)),
    fees: byId((single['fees.yaml'] as FeesFile | undefined)?.fees ?? []),
    exemptions: byId((single['fees.yaml'] as FeesFile | undefined)?.exemptions ?? []),
    deadlines: byId((single['deadlines.yaml'] as DeadlinesFile | undefined)?.deadlines ?? []),
    rules: byId((single['rules.yaml'] as RulesFile | undefined)?.rules ?? []),
    refusals: byId((single['refusals.yaml'] as RefusalsFile | undefined)?.groups ?? []),
    templates,
    registry: single['registry.yaml'] as RegistryFile | undefined,
    calendar: { federal: calendarFederal, overlay: calendarOverlay },
    files: { ...files },
  };

  checkReferences(config, { sources, byFolder, sharedRel, templateSources, shownDir: shown, folderName: path.basename(abs) }, errors);
  if (errors.length > 0) return { ok: false, errors: sortLoadErrors(errors) };
  return { ok: true, config: deepFreeze(config) };
}

function byId<T extends { id: string }>(items: readonly T[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) if (!(item.id in out)) out[item.id] = item;
  return out;
}

/** sha256 over every file's name and content, so any change gives a new version. */
export function contentHash(files: FileMap): string {
  const h = createHash('sha256');
  for (const rel of Object.keys(files).sort()) h.update(rel).update('\0').update(files[rel]).update('\0');
  return h.digest('hex').slice(0, 16);
}

function shownPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') ? rel : abs;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
