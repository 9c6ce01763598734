/**
 * The checked, frozen result of loading one region folder (see config/loader/loadRegion.ts).
 * Item shapes come from the generated schema types; this file only says how the files are assembled.
 */
import type {
  CalendarYearFile,
  DeadlinesFile,
  FeesFile,
  FormFile,
  ProcedureFile,
  RefusalsFile,
  RegionFile,
  RegistryFile,
  RolesFile,
  RulesFile,
  ServiceFile,
  TemplatesFile,
} from './generated.ts';

export type Role = RolesFile['roles'][number];
export type Rule = RulesFile['rules'][number];
export type Fee = FeesFile['fees'][number];
export type FeeValue = Fee['values'][number];
export type FeeExemption = NonNullable<FeesFile['exemptions']>[number];
export type Deadline = DeadlinesFile['deadlines'][number];
export type RefusalGroup = RefusalsFile['groups'][number];
export type RefusalGround = RefusalGroup['grounds'][number];
export type RegistryAttribute = RegistryFile['attributes'][number];
export type TemplateEntry = TemplatesFile['templates'][number];

/** A document template with its Handlebars source. */
export interface LoadedTemplate extends TemplateEntry {
  readonly source: string;
}

/** The production calendar a region counts working days on. */
export interface RegionCalendar {
  /** Federal years by year number, from <shared>/calendar/<year>.yaml. */
  readonly federal: Readonly<Record<number, CalendarYearFile>>;
  /** The region's own non-working days by year, from <region>/calendar/<year>.yaml. */
  readonly overlay: Readonly<Record<number, CalendarYearFile>>;
}

export interface RegionConfig {
  readonly id: string;
  /** Absolute path of the region folder. */
  readonly dir: string;
  /** Content hash of every file the region was loaded from: applications pin the version they started on. */
  readonly version: string;
  readonly region: RegionFile;
  readonly roles: Readonly<Record<string, Role>>;
  readonly services: Readonly<Record<string, ServiceFile>>;
  readonly forms: Readonly<Record<string, FormFile>>;
  readonly procedures: Readonly<Record<string, ProcedureFile>>;
  readonly fees: Readonly<Record<string, Fee>>;
  readonly exemptions: Readonly<Record<string, FeeExemption>>;
  readonly deadlines: Readonly<Record<string, Deadline>>;
  readonly rules: Readonly<Record<string, Rule>>;
  readonly refusals: Readonly<Record<string, RefusalGroup>>;
  readonly templates: Readonly<Record<string, LoadedTemplate>>;
  readonly registry?: RegistryFile;
  readonly calendar: RegionCalendar;
  /** Every file read, relative to the region folder (shared files start with the shared folder's relative path), with its content: kept so old versions stay loadable from the store. */
  readonly files: Readonly<Record<string, string>>;
}
