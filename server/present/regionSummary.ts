/**
 * What the catalogue shows of a region and its services: titles, the fee in force today and the
 * deadline of each choice the service file lists, read straight from the loaded config.
 */
import type { RegionConfig } from '../../engine/api.ts';
import type { Choice, ServiceFile } from '../../config/types/generated.ts';
import { valueInForce } from '../../engine/fees/valueInForce.ts';

export interface FeeSummary {
  readonly feeId: string;
  readonly title: string;
  /** Roubles in force on `today`; null when the fee is not (or no longer) in force. */
  readonly amount: number | null;
  readonly clause: string | null;
  /** Rule that must hold for this fee to apply (null: the default). */
  readonly when: string | null;
  readonly whenTitle: string | null;
}

export interface DeadlineSummary {
  readonly deadlineId: string;
  readonly title: string;
  /** The total in working days, or null when it is set in calendar days. */
  readonly workingDays: number | null;
  /** The total in calendar days, or null when it is set in working days. */
  readonly calendarDays: number | null;
  /** What it counts from: "receipt", "registration" or a date field of the form. */
  readonly from: string;
  readonly clause: string;
  readonly when: string | null;
  readonly whenTitle: string | null;
}

const whenOf = (config: RegionConfig, choice: Choice) => ({
  when: choice.when ?? null,
  whenTitle: choice.when ? (config.rules[choice.when]?.title ?? null) : null,
});

export function feeSummary(config: RegionConfig, service: ServiceFile, today: string): FeeSummary[] {
  return (service.fee ?? []).flatMap((choice) => {
    const fee = config.fees[choice.use];
    if (!fee) return [];
    const value = valueInForce(fee, today);
    return [{ feeId: fee.id, title: fee.title, amount: value?.amount ?? null, clause: value?.clause ?? fee.clause ?? null, ...whenOf(config, choice) }];
  });
}

export function deadlineSummary(config: RegionConfig, service: ServiceFile): DeadlineSummary[] {
  return (service.deadline ?? []).flatMap((choice) => {
    const d = config.deadlines[choice.use];
    return d ? [{ deadlineId: d.id, title: d.title, workingDays: d.workingDays ?? null, calendarDays: d.calendarDays ?? null, from: d.from, clause: d.clause, ...whenOf(config, choice) }] : [];
  });
}

export function serviceSummary(config: RegionConfig, service: ServiceFile, today: string) {
  return {
    id: service.id,
    title: service.title,
    description: service.description ?? null,
    clause: service.clause ?? null,
    form: service.form,
    free: !service.fee,
    fee: feeSummary(config, service, today),
    deadline: deadlineSummary(config, service),
    results: (service.results ?? []).map((r) => ({ id: r.id, title: r.title })),
  };
}

/** The short entry of GET /api/regions. */
export const regionListItem = (config: RegionConfig) => ({
  id: config.id,
  title: config.region.title,
  kind: config.region.kind ?? 'region',
  authority: config.region.authority.title,
  services: config.region.services.map((id) => ({ id, title: config.services[id]?.title ?? id })),
});

/** The full entry of GET /api/regions/:region. */
export function regionDetail(config: RegionConfig, today: string) {
  const r = config.region;
  return {
    id: config.id,
    title: r.title,
    kind: r.kind ?? 'region',
    version: config.version,
    timezone: r.timezone,
    authority: r.authority,
    regulation: { title: r.regulation.title, act: r.regulation.act },
    workingHours: r.workingHours ?? null,
    roles: Object.values(config.roles).map((role) => ({
      id: role.id,
      title: role.title,
      applicant: role.applicant ?? false,
      inbox: role.inbox ?? false,
      takesCases: role.takesCases ?? false,
      assignsCases: role.assignsCases ?? false,
      reports: role.reports ?? false,
    })),
    registry: config.registry ? { title: config.registry.title, searchable: config.registry.attributes.filter((a) => a.searchable && a.public !== false).map((a) => ({ id: a.id, title: a.title })) } : null,
    services: r.services.flatMap((id) => (config.services[id] ? [serviceSummary(config, config.services[id], today)] : [])),
  };
}
