/**
 * The shape of what a document template can print (engine/documents/documentContext.ts), for one
 * service whose procedure renders it, or for a registry extract (no application).
 */
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ServiceFile } from '../../config/types/generated.ts';
import { ANY, arr, formShape, obj, VALUE, type Shape } from './dataShape.ts';

const fields = (...names: string[]): Record<string, Shape> => Object.fromEntries(names.map((n) => [n, VALUE]));

/** The context of a document about an application of `service`, or of a registry extract when `service` is null. */
export function templateContext(config: RegionConfig, service: ServiceFile | null): Shape {
  const attributes = (config.registry?.attributes ?? []).map((a) => a.id);
  const licence = obj({
    ...fields('number', 'region', 'status', 'issuedOn', 'terminatedOn', 'version', 'updatedAt'),
    attributes: obj(Object.fromEntries(attributes.map((id) => [id, ANY]))),
    applications: arr(VALUE),
  });
  const common = {
    region: obj({ ...fields('id', 'title'), authority: obj(fields('title', 'shortTitle', 'headTitle', 'actingHeadTitle', 'website', 'registryUrl', 'address', 'clause')) }),
    licence,
    attributes: arr(obj({ ...fields('id', 'title'), value: ANY })),
    registry: obj(fields('title')),
    decision: obj({ grounds: arr(obj(fields('id', 'title', 'clause'))) }),
    links: obj(fields('website', 'registry', 'licence')),
    // Summaries of the applications the forms name (fields of type application), at the fields' paths.
    references: obj({ submission: ANY, data: ANY }),
    today: VALUE,
  };
  if (!service) return obj({ ...common, application: obj({}) });
  const procedure = config.procedures[service.procedure];
  const form = config.forms[service.form];
  const data: Record<string, Shape> = {};
  for (const [event, e] of Object.entries(procedure?.events ?? {})) {
    if (e?.payload && config.forms[e.payload]) data[event] = formShape(config.forms[e.payload]);
  }
  const milestones = new Set(['registration', ...Object.values(procedure?.states ?? {}).flatMap((s) => (s?.milestone ? [s.milestone] : []))]);
  return obj({
    ...common,
    application: obj({
      ...fields('id', 'number', 'registeredOn', 'receivedAt', 'state', 'outcome'),
      service: obj(fields('id', 'title')),
      submission: form ? formShape(form) : ANY,
      data: obj(data),
      fee: obj({ ...fields('feeId', 'title', 'amount', 'clause'), exemption: obj(fields('id', 'title', 'clause')) }),
      stepDue: obj(fields('date', 'provisional')),
      serviceDue: obj(fields('date', 'provisional')),
      milestones: obj(Object.fromEntries([...milestones].map((m) => [m, VALUE]))),
    }),
  });
}
