import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ApplicationRecord, CaseSummary } from '../api.ts';
import { valueAtPath } from '../registry/valueAtPath.ts';

/** A value shown in a list: a non-empty string or number as text, else null. */
function shown(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim().slice(0, 500);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * What the inbox shows of an application: the applicant's name, identifiers and licence numbers read
 * through its service's `summary:` paths (services/<id>.yaml), and the titles of its service and step
 * in the config version it runs on.
 */
export function caseSummary(region: RegionConfig, app: Pick<ApplicationRecord, 'service' | 'state' | 'submission'>): CaseSummary {
  const service = region.services[app.service];
  const procedure = service ? region.procedures[service.procedure] : undefined;
  const state = procedure?.states[app.state];
  const data = { submission: app.submission };
  const summary = service?.summary;
  const applicantName = (summary?.applicantName ?? []).map((path) => shown(valueAtPath(data, path))).find((v) => v !== null) ?? null;
  const applicantIds = (summary?.applicantIds ?? []).flatMap((id) => {
    const value = shown(valueAtPath(data, id.from));
    return value === null ? [] : [{ title: id.title, value }];
  });
  const licences = (summary?.licence ?? []).flatMap((path) => {
    const value = shown(valueAtPath(data, path));
    return value === null ? [] : [value];
  });
  return {
    applicantName,
    applicantIds,
    licences,
    serviceTitle: service?.title ?? app.service,
    stepTitle: state?.title ?? app.state,
    stepRole: state?.role ?? null,
  };
}
