/**
 * Drives applications through the real engine (engine/Engine.ts over a memory store, fixed clock)
 * along every simple path of every procedure of a region, with data planned by tools/check/pathData.ts,
 * and checks what each step should have done: the state reached, due dates, registry changes and
 * documents with no value printed empty.
 */
import { isDeepStrictEqual } from 'node:util';
import { planPath, type PathPins } from '../../tools/check/pathData.ts';
import { timePath } from '../../tools/check/deadlineBudget.ts';
import { pathsToFinal, type Path } from '../../tools/check/procedureGraph.ts';
import { emptyPrints } from '../../tools/check/templatePrints.ts';
import type { Action, ServiceFile } from '../../config/types/generated.ts';
import { fileNamedApplications } from '../../tools/regionTests/fileNamedApplications.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { Actor, ApplicationRecord, Store } from '../../engine/api.ts';
import { documentContext } from '../../engine/documents/documentContext.ts';
import { Engine } from '../../engine/Engine.ts';
import { valueAtPath } from '../../engine/registry/valueAtPath.ts';
import { memoryStore } from '../../engine/store/memoryStore.ts';
import { createWorkingCalendar } from '../../engine/calendar/createWorkingCalendar.ts';
import { localDate } from '../../engine/calendar/localDate.ts';
import { dateAxis } from '../../tools/timeline/dateAxis.ts';
import { walkPath } from '../../tools/timeline/walkPath.ts';
import { withStoredUploads } from '../../tools/check/sampleUploads.ts';

/** Registration on a Monday morning, Moscow time. */
export const FIXED_NOW = new Date('2025-03-03T07:00:00Z');

export interface PathRun {
  readonly service: string;
  readonly states: readonly string[];
  /** final: reached its final state with every check passing; failed: see problems. */
  readonly status: 'final' | 'infeasible' | 'undecided' | 'failed';
  readonly problems: readonly string[];
}

/** Runs every simple path of every service of `config`. */
export async function runRegionPaths(config: RegionConfig): Promise<PathRun[]> {
  const runs: PathRun[] = [];
  for (const id of config.region.services) {
    const service = config.services[id]!;
    const { paths } = pathsToFinal(config.procedures[service.procedure]!);
    for (const path of paths) runs.push(await runPath(config, service, path));
  }
  return runs;
}

/** The effects a step of a path runs: the transition's actions, then the entered state's entry actions. */
function effectsOf(config: RegionConfig, service: ServiceFile, path: Path, k: number): Action[] {
  const procedure = config.procedures[service.procedure]!;
  return [...path.edges[k].actions, ...(procedure.states[path.states[k + 1]]?.entry ?? [])];
}

export async function runPath(config: RegionConfig, service: ServiceFile, path: Path): Promise<PathRun> {
  const label = { service: service.id, states: path.states };
  const store = memoryStore();
  await store.init();
  let ids = 0;
  const engine = new Engine({ regions: [config], store, clock: { now: () => FIXED_NOW }, idGenerator: () => `id-${++ids}` });
  const problems: string[] = [];
  try {
    const pins = await licencePins(config, service, path, engine, store);
    if (typeof pins === 'string') return { ...label, status: 'failed', problems: [pins] };
    const plan = planPath(config, service, path, pins);
    if (plan.status !== 'feasible') return { ...label, status: plan.status, problems: [] };
    await nameApplications(config, service, path, plan, engine, store);
    await drive(config, service, path, plan, engine, store, problems);
  } catch (e) {
    problems.push(`${(e as Error).name}: ${(e as Error).message}${'errors' in (e as object) ? ` ${JSON.stringify((e as { errors: unknown }).errors)}` : ''}`);
  } finally {
    await store.close();
  }
  return { ...label, status: problems.length ? 'failed' : 'final', problems };
}

/** Fields of type application name an application the same filer files first (tools/regionTests/fileNamedApplications.ts). */
async function nameApplications(config: RegionConfig, service: ServiceFile, path: Path, plan: Extract<ReturnType<typeof planPath>, { status: 'feasible' }>, engine: Engine, store: Store): Promise<void> {
  const filed = new Map<string, string>();
  const filer = (other: ServiceFile) => actorFor(config, other, 'file');
  await fileNamedApplications(config, service, service.form, plan.submission, engine, store, filer, filed);
  const procedure = config.procedures[service.procedure]!;
  for (const [k, edge] of path.edges.entries()) await fileNamedApplications(config, service, procedure.events[edge.event]?.payload, plan.payloads[k], engine, store, filer, filed);
}

/** Actors: the applicant who files, and one staff member per role. */
function actorFor(config: RegionConfig, service: ServiceFile, roles: readonly string[] | 'file'): Actor {
  const applicantRoles = service.applicantRoles ?? Object.values(config.roles).filter((r) => r.applicant).map((r) => r.id);
  if (roles === 'file') return { userId: 'applicant', region: config.id, roles: [applicantRoles[0]!] };
  const staff = roles.find((r) => !config.roles[r]?.applicant);
  return staff ? { userId: `staff-${staff}`, region: config.id, roles: [staff] } : { userId: 'applicant', region: config.id, roles: [roles.find((r) => applicantRoles.includes(r)) ?? roles[0]!] };
}

async function drive(
  config: RegionConfig,
  service: ServiceFile,
  path: Path,
  plan: Extract<ReturnType<typeof planPath>, { status: 'feasible' }>,
  engine: Engine,
  store: Store,
  problems: string[],
): Promise<ApplicationRecord> {
  const procedure = config.procedures[service.procedure]!;
  // The walk may refuse a path the config no longer has (the engine is then caught leaving it below).
  const unanchored = new Set<string>();
  try {
    for (const i of timePath(config, procedure, path).issues) if (i.kind !== 'due-before-start') unanchored.add(i.state);
  } catch {
    // nothing to exempt
  }
  const expectDue = (app: ApplicationRecord, state: string) => {
    const s = procedure.states[state];
    if (s?.type !== 'final' && s?.deadline && !unanchored.has(state) && app.stepDue === null) problems.push(`step ${state} has no due date`);
  };

  const applicant = actorFor(config, service, 'file');
  const submission = await withStoredUploads(store, config, { service: service.id, form: service.form }, plan.submission, applicant.userId);
  let view = await engine.startApplication(config.id, service.id, submission, applicant);
  let app = view.application;
  if (app.state !== path.states[0]) problems.push(`started in ${app.state}, not ${path.states[0]}`);
  // A service with a total deadline gets its due date at filing; one without (the regulation sets none) gets null.
  if (service.deadline && !app.serviceDue?.date) problems.push('no service due date');
  if (!service.deadline && app.serviceDue !== null) problems.push('a service due date where the regulation sets no total');
  expectDue(app, app.state);
  const stepDues: (string | null)[] = [app.stepDue?.date ?? null];

  for (const [k, edge] of path.edges.entries()) {
    const before = app;
    const event = procedure.events[edge.event]!;
    const actor = actorFor(config, service, event.roles);
    const payload = event.payload ? await withStoredUploads(store, config, { service: service.id, form: event.payload }, plan.payloads[k], actor.userId) : plan.payloads[k];
    view = await engine.send(app.id, edge.event, payload, actor, app.version);
    // The record as stored: an applicant's view leaves out internal data and documents.
    app = (await store.getApplication(app.id)) ?? view.application;
    const where = `${edge.from} --${edge.event}-->`;
    if (app.state !== path.states[k + 1]) {
      problems.push(`${where} went to ${app.state}, not ${path.states[k + 1]}`);
      return app;
    }
    expectDue(app, app.state);
    stepDues.push(app.stepDue?.date ?? null);
    await checkEffects(config, service, path, k, before, app, store, (p) => problems.push(`${where} ${p}`));
  }
  sameAsWalk(config, service, path, app, stepDues, problems);
  const last = procedure.states[path.states[path.states.length - 1]]!;
  if (!app.final) problems.push(`ended in ${app.state}, which is not final`);
  if (app.outcome !== (last.outcome ?? null)) problems.push(`outcome ${app.outcome}, expected ${last.outcome}`);
  return app;
}

/**
 * The shared walk (tools/timeline, what `simulate`, the budget and the region's due-date cases use) gives
 * the dates the engine gave: each step's due date, the total's and each phase's, for the same events on
 * the same day.
 */
function sameAsWalk(config: RegionConfig, service: ServiceFile, path: Path, app: ApplicationRecord, stepDues: readonly (string | null)[], problems: string[]): void {
  const today = localDate(FIXED_NOW, config.region.timezone);
  const axis = dateAxis(createWorkingCalendar(config.calendar), localDate(new Date(app.receivedAt), config.region.timezone), app.registeredOn, { submission: app.submission, data: app.data });
  const walk = walkPath(config, service.procedure, path.edges.map((e) => ({ event: e.event, target: e.target, on: today })), axis);
  walk.steps.forEach((s, i) => {
    if (config.procedures[service.procedure]!.states[s.state]?.type === 'final') return;
    if ((s.due ?? null) !== stepDues[i]) problems.push(`the walk gives step ${s.state} ${s.due}, the engine ${stepDues[i]}`);
  });
  const total = app.serviceDeadline ? config.deadlines[app.serviceDeadline] : undefined;
  if (total && walk.dueOf(total, 'limit') !== app.serviceDue?.date) problems.push(`the walk gives the total ${walk.dueOf(total, 'limit')}, the engine ${app.serviceDue?.date}`);
  for (const p of walk.phases) {
    if ((p.due ?? null) !== (app.phases?.[p.id]?.due?.date ?? null)) problems.push(`the walk gives phase ${p.id} ${p.due}, the engine ${app.phases?.[p.id]?.due?.date}`);
  }
}

/** Registry changes and documents of step k. */
async function checkEffects(config: RegionConfig, service: ServiceFile, path: Path, k: number, before: ApplicationRecord, app: ApplicationRecord, store: Store, problem: (p: string) => void): Promise<void> {
  const source = { submission: app.submission, data: app.data };
  const effects = effectsOf(config, service, path, k);
  const licence = app.licence ? await store.getLicence(config.id, app.licence) : undefined;
  for (const effect of effects) {
    if (effect.type === 'issueLicence') {
      if (!licence) {
        problem('issueLicence left no licence in the registry');
        continue;
      }
      if (licence.status !== 'active') problem(`issued licence ${licence.number} is ${licence.status}`);
      for (const attr of config.registry?.attributes ?? []) {
        const expected = valueAtPath(source, attr.from);
        if (expected !== undefined && !isDeepStrictEqual(licence.attributes[attr.id], expected)) problem(`licence attribute ${attr.id} is not ${attr.from}`);
      }
    } else if (effect.type === 'terminateLicence') {
      if (licence?.status !== 'terminated') problem(`terminateLicence left licence ${app.licence} ${licence?.status ?? 'missing'}`);
    } else if (effect.type === 'amendLicence') {
      if (!licence?.applications.includes(app.id)) problem(`amendLicence did not record the application on licence ${app.licence}`);
      for (const [attr, from] of Object.entries(effect.params?.set ?? {})) {
        const expected = from ? valueAtPath(source, from) : undefined;
        if (expected !== undefined && !isDeepStrictEqual(licence?.attributes[attr], expected)) problem(`amended attribute ${attr} is not ${from}`);
      }
    }
  }
  const rendered = effects.filter((e) => e.type === 'renderDocument');
  const added = app.documents.slice(before.documents.length);
  if (added.length !== rendered.length) problem(`rendered ${added.length} documents, expected ${rendered.length}`);
  for (const [i, effect] of rendered.entries()) {
    const template = config.templates[effect.params!.template!]!;
    if (added[i]?.template !== template.id) problem(`document ${i + 1} is ${added[i]?.template}, expected ${template.id}`);
    const named = effect.params?.licence ? valueAtPath(source, effect.params.licence) : undefined;
    const about = typeof named === 'string' ? await store.getLicence(config.id, named) : licence;
    const context = documentContext(config, { application: app, licence: about ?? null, today: app.updatedAt.slice(0, 10) });
    for (const gap of emptyPrints(template.source, context)) problem(`document ${template.id} prints nothing for ${gap.path} (templates/${template.file}:${gap.line})`);
  }
}

/**
 * A path whose actions act on an existing licence (amendLicence, terminateLicence, or a document about
 * a named licence) needs one in the registry: it is issued first by driving the shortest path of a
 * service that issues licences, and its number is set where the path's actions read it.
 */
async function licencePins(config: RegionConfig, service: ServiceFile, path: Path, engine: Engine, store: Store): Promise<PathPins | string> {
  const reads = path.edges.flatMap((_, k) => effectsOf(config, service, path, k).flatMap((e) => (e.params?.licence ? [{ k, path: e.params.licence }] : [])));
  if (reads.length === 0) return {};
  const number = await issueLicence(config, engine, store);
  if (!number) return 'no service of the region could issue a licence for this path to act on';
  const pins: { submission: Record<string, unknown>; payloads: Record<number, Record<string, unknown>> } = { submission: {}, payloads: {} };
  for (const read of reads) {
    const [root, ...rest] = read.path.split('.');
    if (root === 'submission') pins.submission[rest.join('.')] = number;
    else {
      // data.EVENT.field: the latest step up to the action that sent EVENT.
      const [event, ...field] = rest;
      for (let j = read.k; j >= 0; j--) {
        if (path.edges[j].event === event) {
          (pins.payloads[j] ??= {})[field.join('.')] = number;
          break;
        }
      }
    }
  }
  return pins;
}

/** Issues a licence by driving, in this engine, the shortest feasible path that runs issueLicence; its number. */
async function issueLicence(config: RegionConfig, engine: Engine, store: Store): Promise<string | undefined> {
  for (const id of config.region.services) {
    const service = config.services[id]!;
    const candidates = pathsToFinal(config.procedures[service.procedure]!)
      .paths.filter((p) => p.edges.some((_, k) => effectsOf(config, service, p, k).some((e) => e.type === 'issueLicence')))
      .sort((a, b) => a.edges.length - b.edges.length);
    for (const p of candidates) {
      const plan = planPath(config, service, p);
      if (plan.status !== 'feasible') continue;
      const problems: string[] = [];
      const app = await drive(config, service, p, plan, engine, store, problems);
      if (app.licence) return app.licence;
    }
  }
  return undefined;
}
