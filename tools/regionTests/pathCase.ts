/**
 * Path and document cases: the application is filed and the events are sent through the real engine
 * (memory store), each by a user holding a role that may send it, on the day the case says. Only the
 * data that matters is written in the case; the rest of each form is valid sample data
 * (tools/check/pathData.ts). Then the state, the outcome, the licence's status and the text of the
 * documents are compared with what the regulation gives.
 */
import type { Action, ServiceFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Actor, ApplicationRecord, IsoDate, Store } from '../../engine/api.ts';
import { localTime } from '../../engine/calendar/localTime.ts';
import { Engine } from '../../engine/Engine.ts';
import { memoryStore } from '../../engine/store/memoryStore.ts';
import { fitForm, formSample, planPath } from '../check/pathData.ts';
import { withStoredUploads } from '../check/sampleUploads.ts';
import { payloadForm } from '../check/pathProblem.ts';
import { pathsToFinal } from '../check/procedureGraph.ts';
import { compare, foreignExpectations, type CaseProblems, type RegionCase } from './RegionCase.ts';
import { documentText } from './documentText.ts';
import { fileNamedApplications } from './fileNamedApplications.ts';

const PATH_KEYS = ['state', 'outcome', 'licenceStatus'];
type Obj = Record<string, unknown>;

export async function runPathCase(config: RegionConfig, c: RegionCase): Promise<CaseProblems> {
  const keys = c.kind === 'document' ? [...PATH_KEYS, 'documents'] : PATH_KEYS;
  const problems = foreignExpectations(c, keys);
  const service = Object.hasOwn(config.services, c.service) ? config.services[c.service] : undefined;
  if (!service) return [`service "${c.service}" does not exist`];
  const procedure = config.procedures[service.procedure]!;
  let now = new Date(c.received);
  const store = memoryStore();
  await store.init();
  let ids = 0;
  const engine = new Engine({ regions: [config], store, clock: { now: () => now }, idGenerator: () => `case-${++ids}` });
  try {
    const pins: { submission: Obj; data: Record<string, Obj> } = { submission: flatten(c.submission ?? {}), data: {} };
    if (c.licence) {
      const number = await issueLicence(config, engine, store);
      if (!number) return ['no service of the region can issue the licence this case acts on'];
      for (const path of licencePaths(config, service)) {
        const [root, ...rest] = path.split('.');
        if (root === 'submission') pins.submission[rest.join('.')] = number;
        else (pins.data[rest[0]!] ??= {})[rest.slice(1).join('.')] = number;
      }
    }
    const form = config.forms[service.form]!;
    const applicant = applicantOf(config, service);
    // Sample files referred to by the form become uploads of whoever files them, as the browser makes them.
    const submission = await withStoredUploads(store, config, { service: service.id, form: form.id }, fitForm(config, form, formSample(config, form.id), pins.submission, {}, 'submission'), applicant.userId);
    // A field naming another application names one the same applicant files first.
    await fileNamedApplications(config, service, form.id, submission, engine, store, () => applicant);
    let view = await engine.startApplication(config.id, service.id, submission, applicant);
    let app: ApplicationRecord = view.application;
    for (const [i, e] of (c.events ?? []).entries()) {
      if (e.on) now = noonOn(e.on, config.region.timezone);
      const definition = procedure.events[e.event];
      if (!definition) {
        problems.push(`events[${i}]: procedure "${procedure.id}" has no event ${e.event}`);
        break;
      }
      const payloadSpec = payloadForm(config, procedure, e.event);
      const actor = definition.roles.some((r) => !config.roles[r]?.applicant) ? staffOf(config, definition.roles) : applicantOf(config, service);
      const payload = payloadSpec
        ? await withStoredUploads(
            store,
            config,
            { service: service.id, form: payloadSpec.id },
            fitForm(config, payloadSpec, formSample(config, payloadSpec.id, i + 2), { ...pins.data[e.event], ...flatten(e.payload ?? {}) }, { submission, application: { data: app.data } }, 'payload'),
            actor.userId,
          )
        : undefined;
      try {
        view = await engine.send(app.id, e.event, payload, actor, app.version);
        // The record as stored: an applicant's view leaves out internal data and documents.
        app = (await store.getApplication(app.id)) ?? view.application;
        if (e.refused !== undefined) problems.push(`events[${i}]: ${e.event} was accepted (went to "${app.state}"), but the case expects it refused with «${e.refused}»`);
      } catch (error) {
        const message = (error as Error).message;
        if (e.refused === undefined || !message.includes(e.refused)) {
          problems.push(`events[${i}]: ${e.event} in "${app.state}" was refused: ${message}${e.refused !== undefined ? ` (expected a refusal with «${e.refused}»)` : ''}`);
          break;
        }
      }
    }
    const licence = app.licence ? await store.getLicence(config.id, app.licence) : undefined;
    const got = { state: app.state, outcome: app.outcome, licenceStatus: licence?.status ?? 'none' };
    problems.push(...compare(c.expect as Record<string, unknown>, got, PATH_KEYS));
    if (c.kind === 'document') problems.push(...(await documentProblems(c, app, store)));
  } finally {
    await store.close();
  }
  return problems;
}

async function documentProblems(c: RegionCase, app: ApplicationRecord, store: Store): Promise<CaseProblems> {
  const out: CaseProblems = [];
  for (const want of c.expect.documents ?? []) {
    const ref = [...app.documents].reverse().find((d) => d.template === want.template);
    if (!ref) {
      out.push(`no document "${want.template}" (the application has: ${app.documents.map((d) => d.template).join(', ') || 'none'})`);
      continue;
    }
    const text = documentText((await store.getDocument(ref.id))?.html ?? '');
    for (const phrase of want.contains ?? []) if (!text.includes(phrase)) out.push(`document "${want.template}" does not contain «${phrase}»`);
    for (const phrase of want.lacks ?? []) if (text.includes(phrase)) out.push(`document "${want.template}" contains «${phrase}», which it must not`);
  }
  return out;
}

/** {a: {b: 1}, c: [x]} -> {"a.b": 1, "c": [x]}: the values a case pins, as the form filler takes them. */
function flatten(value: Obj, prefix = ''): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v as Obj, key));
    else out[key] = v;
  }
  return out;
}

/** Noon of `date` in `timeZone`: an event sent on that day. */
export function noonOn(date: IsoDate, timeZone: string): Date {
  const guess = new Date(`${date}T12:00:00Z`);
  const local = localTime(guess, timeZone);
  const dayShift = local.date === date ? 0 : local.date > date ? 1 : -1;
  return new Date(guess.getTime() - (dayShift * 1440 + local.minutes - 720) * 60_000);
}

function applicantOf(config: RegionConfig, service: ServiceFile): Actor {
  const roles = service.applicantRoles ?? Object.values(config.roles).filter((r) => r.applicant).map((r) => r.id);
  return { userId: 'case-applicant', region: config.id, roles: [roles[0]!] };
}

function staffOf(config: RegionConfig, roles: readonly string[]): Actor {
  const role = roles.find((r) => !config.roles[r]?.applicant)!;
  return { userId: `case-${role}`, region: config.id, roles: [role] };
}

/** Where the service's actions read the number of the licence they act on (submission.* or data.EVENT.*). */
function licencePaths(config: RegionConfig, service: ServiceFile): string[] {
  const procedure = config.procedures[service.procedure]!;
  const actions: Action[] = [
    ...[procedure.on, ...Object.values(procedure.states).map((s) => s?.on)].flatMap((on) => Object.values(on ?? {}).flatMap((spec) => [spec ?? []].flat().flatMap((t) => t.actions ?? []))),
    ...Object.values(procedure.states).flatMap((s) => s?.entry ?? []),
  ];
  return [...new Set(actions.flatMap((a) => (a.params?.licence ? [a.params.licence] : [])))];
}

/** Issues a licence through the shortest path of a service that issues one, with planned data; its number. */
async function issueLicence(config: RegionConfig, engine: Engine, store: Store): Promise<string | undefined> {
  for (const id of config.region.services) {
    const service = config.services[id]!;
    const procedure = config.procedures[service.procedure]!;
    const paths = pathsToFinal(procedure)
      .paths.filter((p) => p.edges.some((e) => [...e.actions, ...(procedure.states[e.target]?.entry ?? [])].some((a) => a.type === 'issueLicence')))
      .sort((a, b) => a.edges.length - b.edges.length);
    for (const path of paths) {
      const plan = planPath(config, service, path);
      if (plan.status !== 'feasible') continue;
      const applicant = applicantOf(config, service);
      const submission = await withStoredUploads(store, config, { service: service.id, form: service.form }, plan.submission, applicant.userId);
      let app = (await engine.startApplication(config.id, service.id, submission, applicant)).application;
      for (const [k, edge] of path.edges.entries()) {
        const event = procedure.events[edge.event]!;
        const actor = event.roles.some((r) => !config.roles[r]?.applicant) ? staffOf(config, event.roles) : applicantOf(config, service);
        const payload = event.payload ? await withStoredUploads(store, config, { service: service.id, form: event.payload }, plan.payloads[k], actor.userId) : plan.payloads[k];
        app = (await engine.send(app.id, edge.event, payload, actor, app.version)).application;
      }
      if (app.licence) return app.licence;
    }
  }
  return undefined;
}
