/**
 * The parsed YAML of a loaded region, kept only to point findings at a file, line and column.
 * The loader does not hand its parse trees on, so the files are parsed again from `config.files`
 * (the exact text the config was built from).
 */
import path from 'node:path';
import { parseYamlText, locate, type PathSegment, type YamlFile } from '../../config/loader/yamlFile.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Finding, Severity } from './Finding.ts';

/** A position in a region file. */
export interface Where {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export class RegionSources {
  /** The region folder as findings show it. */
  readonly shownDir: string;
  /** Relative path of the shared folder, as region.yaml names it. */
  readonly sharedRel: string;
  private readonly parsed = new Map<string, YamlFile | undefined>();

  constructor(readonly config: RegionConfig) {
    const rel = path.relative(process.cwd(), config.dir);
    this.shownDir = rel && !rel.startsWith('..') ? rel : config.dir;
    this.sharedRel = (config.region.shared ?? '../_shared').replace(/\/+$/, '');
  }

  /** The file a single-file kind (rules.yaml, roles.yaml, ...) was read from: the region's own, else the shared one. */
  singleFile(name: string): string {
    return Object.hasOwn(this.config.files, name) ? name : `${this.sharedRel}/${name}`;
  }

  /** True for files that come from the shared folder rather than the region itself. */
  isShared(rel: string): boolean {
    return rel.startsWith(`${this.sharedRel}/`);
  }

  /** The path a finding shows for a file of the region. */
  shown(rel: string): string {
    return path.join(this.shownDir, rel);
  }

  yaml(rel: string): YamlFile | undefined {
    if (!this.parsed.has(rel)) {
      const text = this.config.files[rel];
      this.parsed.set(rel, text === undefined ? undefined : parseYamlText(text, this.shown(rel), []));
    }
    return this.parsed.get(rel);
  }

  /** Line and column of `at` in the file `rel` (of its key when `key`); the nearest existing ancestor otherwise. */
  where(rel: string, at: readonly PathSegment[] = [], key = false): Where {
    const file = this.yaml(rel);
    if (!file) return { file: this.shown(rel), line: 0, column: 0 };
    const pos = locate(file, at, key);
    return { file: file.file, line: pos.line, column: pos.column };
  }

  /** Index of the item with `id` in the list at `listPath` of file `rel`, for pointing at list items. */
  indexOf(rel: string, listPath: readonly PathSegment[], id: string): number {
    let node: unknown = this.yaml(rel)?.data;
    for (const seg of listPath) node = (node as Record<string | number, unknown> | undefined)?.[seg];
    return Array.isArray(node) ? node.findIndex((item) => (item as { id?: unknown })?.id === id) : -1;
  }

  /** Position of the list item with `id` (e.g. a rule in rules.yaml), optionally of one of its keys. */
  item(rel: string, listPath: readonly PathSegment[], id: string, sub: readonly PathSegment[] = []): Where {
    const i = this.indexOf(rel, listPath, id);
    return this.where(rel, i >= 0 ? [...listPath, i, ...sub] : listPath);
  }

  procedureFile(id: string): string {
    return `procedures/${id}.yaml`;
  }
  serviceFile(id: string): string {
    return `services/${id}.yaml`;
  }
  formFile(id: string): string {
    return `forms/${id}.yaml`;
  }
}

/** Collects findings. */
export class FindingList {
  readonly items: Finding[] = [];

  add(severity: Severity, code: string, where: Where, message: string, clause?: string): void {
    this.items.push({ severity, file: where.file, line: where.line, column: where.column, code, message, ...(clause ? { clause } : {}) });
  }
  error(code: string, where: Where, message: string, clause?: string): void {
    this.add('error', code, where, message, clause);
  }
  warning(code: string, where: Where, message: string, clause?: string): void {
    this.add('warning', code, where, message, clause);
  }
}
