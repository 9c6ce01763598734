/**
 * Builds a minimal valid RegionConfig in memory for unit tests: one service "svc" with form "app" and
 * procedure "proc", an empty calendar and no fees. Pass overrides for what a test is about; records given
 * as arrays are keyed by their ids (`makeRegion({ rules: [{ id: 'isIp', when: ... }] })`).
 */
import type { FormFile, ServiceFile } from '../../config/types/generated.ts';
import type {
  Deadline,
  Fee,
  FeeExemption,
  RefusalGroup,
  RegionCalendar,
  RegionConfig,
  Rule,
} from '../../config/types/RegionConfig.ts';

type Keyed<T> = Readonly<Record<string, T>> | readonly T[];

/** What a test may override; list-valued records may be given as arrays of items with ids. */
export interface RegionOverrides
  extends Partial<Omit<RegionConfig, 'rules' | 'fees' | 'exemptions' | 'deadlines' | 'refusals' | 'forms' | 'services'>> {
  rules?: Keyed<Rule>;
  fees?: Keyed<Fee>;
  exemptions?: Keyed<FeeExemption>;
  deadlines?: Keyed<Deadline>;
  refusals?: Keyed<RefusalGroup>;
  forms?: Keyed<FormFile>;
  services?: Keyed<ServiceFile>;
}

const byId = <T extends { id: string }>(items: Keyed<T> | undefined): Readonly<Record<string, T>> =>
  Array.isArray(items) ? Object.fromEntries(items.map((i) => [i.id, i])) : ((items as Record<string, T>) ?? {});

/** A service with sensible defaults; pass what the test needs. */
export const makeService = (over: Partial<ServiceFile> = {}): ServiceFile => ({
  id: 'svc',
  title: 'Тестовая услуга',
  form: 'app',
  procedure: 'proc',
  deadline: [{ use: 'total' }],
  ...over,
});

/** A RegionConfig for tests: a minimal valid region with `over` applied. */
export function makeRegion(over: RegionOverrides = {}): RegionConfig {
  const calendar: RegionCalendar = over.calendar ?? { federal: {}, overlay: {} };
  const { rules, fees, exemptions, deadlines, refusals, forms, services, ...rest } = over;
  return {
    id: 'test',
    dir: '/nonexistent/regions/test',
    version: 'test-version',
    region: {
      id: 'test',
      title: 'Тестовый регион',
      authority: { title: 'Тестовый департамент' },
      timezone: 'Europe/Moscow',
      regulation: { title: 'Тестовый регламент', act: { act: 'Приказ от 01.01.2024 № 1' } },
      services: ['svc'],
    },
    roles: { applicant: { id: 'applicant', title: 'Заявитель', applicant: true } },
    procedures: {},
    templates: {},
    files: {},
    ...rest,
    calendar,
    services: services ? byId(services) : { svc: makeService() },
    forms: byId(forms),
    fees: byId(fees),
    exemptions: byId(exemptions),
    deadlines: byId(deadlines),
    rules: byId(rules),
    refusals: byId(refusals),
  };
}
