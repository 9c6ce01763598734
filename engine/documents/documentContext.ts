import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ApplicationRecord, IsoDate, LicenceRecord } from '../api.ts';
import { resolveGrounds, type ResolvedGround } from './resolveGrounds.ts';

/** What a document template can print (see the template guide in the README of templates). */
export interface DocumentContext {
  readonly region: { readonly id: string; readonly title: string; readonly authority: RegionConfig['region']['authority'] };
  readonly application: {
    readonly id: string;
    /** The number people read (region.yaml applicationNumbering): what documents print. */
    readonly number: string;
    readonly registeredOn: IsoDate;
    readonly receivedAt: string;
    readonly service: { readonly id: string; readonly title: string };
    readonly submission: Readonly<Record<string, unknown>>;
    readonly data: Readonly<Record<string, unknown>>;
    readonly fee: ApplicationRecord['fee'];
    readonly milestones: Readonly<Record<string, IsoDate>>;
    readonly state: string;
    readonly outcome: string | null;
    /** The current step's due date (e.g. the date an answer is due, printed in the request that opens the step). */
    readonly stepDue: ApplicationRecord['stepDue'];
    readonly serviceDue: ApplicationRecord['serviceDue'];
  } | null;
  readonly licence: LicenceRecord | null;
  /** The licence's registry attributes in registry.yaml order, with titles, for extracts and notices. */
  readonly attributes: readonly { readonly id: string; readonly title: string; readonly value: unknown }[];
  readonly registry: { readonly title: string } | null;
  readonly decision: { readonly grounds: readonly ResolvedGround[] };
  /**
   * Web addresses a document may give: the authority's official site, the licence registry published on
   * the Internet, and the entry of this document's licence in it (null when unknown).
   */
  readonly links: { readonly website: string | null; readonly registry: string | null; readonly licence: string | null };
  /**
   * The applications the application's forms name (fields of type application), at the same paths:
   * `references.submission.<section>.<field>` and `references.data.<EVENT>.<section>.<field>`, each with
   * its number, service, registration date, state, outcome and milestones.
   */
  readonly references: { readonly submission: Readonly<Record<string, unknown>>; readonly data: Readonly<Record<string, unknown>> };
  readonly today: IsoDate;
}

/**
 * Builds the template context of a document about an application (notice, order) or about a licence
 * alone (registry extract: `application` is null). `publicUrl` is where this server is reached on the
 * Internet: without a `registryUrl` of its own, a region's registry is the one this server publishes.
 */
export function documentContext(
  region: RegionConfig,
  inputs: {
    readonly application: ApplicationRecord | null;
    readonly licence: LicenceRecord | null;
    readonly today: IsoDate;
    readonly publicUrl?: string;
    readonly references?: DocumentContext['references'];
  },
): DocumentContext {
  const { application, licence, today } = inputs;
  const service = application ? region.services[application.service] : undefined;
  const attributes = licence
    ? (region.registry?.attributes ?? [])
        .filter((a) => Object.hasOwn(licence.attributes, a.id))
        .map((a) => ({ id: a.id, title: a.title, value: licence.attributes[a.id] }))
    : [];
  return {
    region: { id: region.id, title: region.region.title, authority: region.region.authority },
    application: application && {
      id: application.id,
      number: application.number,
      registeredOn: application.registeredOn,
      receivedAt: application.receivedAt,
      service: { id: application.service, title: service?.title ?? application.service },
      submission: application.submission,
      data: application.data,
      fee: application.fee,
      milestones: application.milestones,
      state: application.state,
      outcome: application.outcome,
      stepDue: application.stepDue,
      serviceDue: application.serviceDue,
    },
    licence,
    attributes,
    registry: region.registry ? { title: region.registry.title } : null,
    decision: { grounds: application && service ? resolveGrounds(region, service.procedure, application.data) : [] },
    links: documentLinks(region, licence?.number ?? null, inputs.publicUrl),
    references: inputs.references ?? { submission: {}, data: {} },
    today,
  };
}

/** The registry's address and the licence's entry: from region.yaml `registryUrl` ({number} = the licence), else this server's public registry pages. */
function documentLinks(region: RegionConfig, number: string | null, publicUrl: string | undefined): DocumentContext['links'] {
  const { website, registryUrl } = region.region.authority;
  const entry = (pattern: string) => (number === null ? null : pattern.replaceAll('{number}', encodeURIComponent(number)));
  if (registryUrl !== undefined) {
    return { website: website ?? null, registry: registryUrl.includes('{number}') ? null : registryUrl, licence: registryUrl.includes('{number}') ? entry(registryUrl) : null };
  }
  if (publicUrl === undefined) return { website: website ?? null, registry: null, licence: null };
  const base = `${publicUrl.replace(/\/+$/, '')}/#/r/${encodeURIComponent(region.id)}/registry`;
  return { website: website ?? null, registry: base, licence: entry(`${base}/{number}`) };
}
