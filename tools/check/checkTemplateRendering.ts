/**
 * Every document template renders. Each template is rendered through the engine (renderDocument, as a
 * step's renderDocument action does) for every service whose procedure renders it, with an application
 * made of data generated from that service's forms: the application form and the task form of every
 * event that has one, every milestone reached, and a licence read from that data by registry.yaml; a
 * registry extract is rendered for that licence alone, as the public registry does. A template that
 * throws (a block helper without its argument, a helper given what it cannot take) would answer 500
 * to the officer whose step renders it and leave the application stuck there: here it is an error.
 */
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ServiceFile } from '../../config/types/generated.ts';
import type { ApplicationRecord, FeeDue, LicenceRecord } from '../../engine/api.ts';
import { documentContext } from '../../engine/documents/documentContext.ts';
import { renderDocument } from '../../engine/documents/renderDocument.ts';
import { feeDue } from '../../engine/fees/feeDue.ts';
import { extractAttributes } from '../../engine/registry/extractAttributes.ts';
import { publicLicence } from '../../engine/registry/publicLicence.ts';
import { formSample } from './pathData.ts';
import { templateUsers } from './checkTemplates.ts';
import type { FindingList, RegionSources } from './RegionSources.ts';

/** The date documents are rendered on: any working day does; a fixed one keeps the check repeatable. */
const TODAY = '2025-03-03';
const NO_FEE: FeeDue = { feeId: null, title: null, amount: 0, clause: null, exemption: null };

export function checkTemplateRendering(config: RegionConfig, src: RegionSources, out: FindingList): void {
  const users = templateUsers(config);
  for (const template of Object.values(config.templates)) {
    const file = { file: src.shown(`templates/${template.file}`), line: 0, column: 0 };
    const attempts: { label: string; render: () => string }[] = [];
    for (const service of users.get(template.id) ?? []) {
      attempts.push({
        label: `service "${service.id}"`,
        render: () => {
          const { application, licence } = sampleApplication(config, service);
          return renderDocument(config, template.id, documentContext(config, { application, licence, today: TODAY }));
        },
      });
    }
    if (template.kind === 'extract') {
      const service = Object.values(config.services)[0];
      attempts.push({
        label: 'a registry extract',
        render: () => {
          const licence = service ? sampleApplication(config, service).licence : null;
          return renderDocument(config, template.id, documentContext(config, { application: null, licence: licence && publicLicence(config.registry, licence), today: TODAY }));
        },
      });
    }
    for (const { label, render } of attempts) {
      try {
        render();
      } catch (error) {
        const at = lineOf(error);
        out.error(
          'template-render-failed',
          at ? { ...file, ...at } : file,
          `template "${template.id}" fails to render for ${label} with data generated from its forms: ${(error as Error).message.split('\n')[0]}`,
          template.clause,
        );
      }
    }
  }
}

/** An application of `service` with every form filled with generated data, and the licence it would be issued. */
function sampleApplication(config: RegionConfig, service: ServiceFile): { application: ApplicationRecord; licence: LicenceRecord | null } {
  const procedure = config.procedures[service.procedure];
  const submission = formSample(config, service.form);
  const data: Record<string, unknown> = {};
  for (const [event, definition] of Object.entries(procedure?.events ?? {})) {
    if (definition?.payload && config.forms[definition.payload]) data[event] = formSample(config, definition.payload);
  }
  const milestones: Record<string, string> = { registration: TODAY };
  for (const state of Object.values(procedure?.states ?? {})) if (state?.milestone) milestones[state.milestone] = TODAY;
  let fee = NO_FEE;
  try {
    fee = feeDue(config, service.id, submission, TODAY);
  } catch {
    // A fee that cannot be worked out from generated data is the fee check's business, not this one's.
  }
  const application: ApplicationRecord = {
    id: 'check-render',
    number: `${TODAY.slice(0, 4)}-0001`,
    region: config.id,
    service: service.id,
    configVersion: config.version,
    applicantId: 'check',
    receivedAt: `${TODAY}T10:00:00+03:00`,
    registeredOn: TODAY,
    submission,
    fee,
    state: procedure?.initial ?? '',
    final: false,
    outcome: null,
    stepStartedOn: TODAY,
    stepDue: null,
    serviceDue: null,
    milestones,
    data,
    snapshot: null,
    version: 1,
    history: [],
    documents: [],
    licence: config.registry ? 'CHECK-0001' : null,
    updatedAt: `${TODAY}T07:00:00.000Z`,
  };
  const licence: LicenceRecord | null = config.registry
    ? { number: 'CHECK-0001', region: config.id, status: 'active', issuedOn: TODAY, terminatedOn: null, attributes: extractAttributes(config.registry, { submission, data }), applications: [application.id], version: 1, updatedAt: application.updatedAt }
    : null;
  return { application, licence };
}

/** Handlebars reports compile errors with " - line:column"; runtime errors carry no position. */
function lineOf(error: unknown): { line: number; column: number } | undefined {
  const match = / - (\d+):(\d+)/.exec((error as Error)?.message ?? '');
  return match ? { line: Number(match[1]), column: Number(match[2]) + 1 } : undefined;
}
