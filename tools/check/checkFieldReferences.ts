/**
 * Every data path the config reads names a field that exists: the `var`s of rules (in each place the
 * rule is used, against the forms it sees there), registry attributes' `from`, and the licence paths of
 * registry actions. A wrong path does not fail loudly at run time: it reads nothing, so a guard never
 * holds or a registry entry is left blank.
 */
import type { FormFile, ProcedureFile } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { describeMiss, formShape, resolve } from './dataShape.ts';
import { edgesOf } from './procedureGraph.ts';
import type { FindingList, RegionSources, Where } from './RegionSources.ts';
import { ruleReads } from './ruleVars.ts';

/** What a rule can read in one place it is used. */
interface RuleUse {
  /** "guard of REVIEW in state review of procedure permit", for messages. */
  readonly where: string;
  /** Application forms of the services concerned. */
  readonly submission: readonly FormFile[];
  /** The payload form, or null when the context has a payload without a form, or undefined when it has no payload at all. */
  readonly payload?: FormFile | null;
  /** Procedure whose events' data `application.data.*` reads; undefined: no application data. */
  readonly procedure?: ProcedureFile;
}

export function checkFieldReferences(config: RegionConfig, src: RegionSources, out: FindingList): void {
  const formsOfProcedure = (p: string) => Object.values(config.services).filter((s) => s.procedure === p).flatMap((s) => (config.forms[s.form] ? [config.forms[s.form]] : []));
  const uses = new Map<string, RuleUse[]>();
  const use = (rule: string | undefined, u: RuleUse) => rule && config.rules[rule] && uses.set(rule, [...(uses.get(rule) ?? []), u]);

  for (const procedure of Object.values(config.procedures)) {
    for (const e of edgesOf(procedure)) {
      const payloadId = procedure.events[e.event]?.payload;
      const u: RuleUse = {
        where: `guard of ${e.event} in step "${e.from}" (procedure ${procedure.id})`,
        submission: formsOfProcedure(procedure.id),
        payload: payloadId ? config.forms[payloadId] ?? null : null,
        procedure,
      };
      use(e.guard, u);
    }
  }
  for (const service of Object.values(config.services)) {
    const form = config.forms[service.form];
    const u: RuleUse = { where: `choice of service "${service.id}"`, submission: form ? [form] : [] };
    for (const c of [...(service.deadline ?? []), ...(service.fee ?? [])]) use(c.when, u);
    // An exemption is chosen again when a step asks (recomputeFee): it may read what the steps recorded.
    const procedure = config.procedures[service.procedure];
    for (const x of service.exemptions ?? []) use(config.exemptions[x]?.when, { ...u, ...(procedure ? { procedure } : {}) });
  }
  for (const form of Object.values(config.forms)) {
    const applicationForm = Object.values(config.services).some((s) => s.form === form.id);
    const carriers = Object.values(config.procedures).filter((p) => Object.values(p.events).some((e) => e?.payload === form.id));
    const u: RuleUse = applicationForm
      ? { where: `visibleWhen in form "${form.id}"`, submission: [form] }
      : {
          where: `visibleWhen in form "${form.id}"`,
          submission: carriers.flatMap((p) => formsOfProcedure(p.id)),
          payload: form,
          ...(carriers.length === 1 ? { procedure: carriers[0] } : {}),
        };
    const visit = (fields: FormFile['sections'][number]['fields']) => {
      for (const f of fields) {
        use(f.visibleWhen, u);
        if (f.fields) visit(f.fields);
      }
    };
    for (const s of form.sections) {
      use(s.visibleWhen, u);
      visit(s.fields);
    }
  }

  const rulesFile = src.singleFile('rules.yaml');
  for (const [ruleId, list] of uses) {
    const rule = config.rules[ruleId]!;
    const seen = new Set<string>();
    for (const read of ruleReads(rule.when)) {
      if (!read.known) continue;
      for (const u of list) {
        const problem = readProblem(config, read.segments, u);
        if (!problem || seen.has(problem)) continue;
        seen.add(problem);
        out.error('unknown-field', src.item(rulesFile, ['rules'], ruleId, ['when', ...read.at]), `rule "${ruleId}" reads ${read.segments.join('.')}, ${problem}`, rule.clause);
      }
    }
  }

  checkRegistryPaths(config, src, out);
  checkSummaryPaths(config, src, out);
}

/** A service's `summary:` paths (what the inbox shows of the applicant) name fields of its application form. */
function checkSummaryPaths(config: RegionConfig, src: RegionSources, out: FindingList): void {
  for (const service of Object.values(config.services)) {
    const form = config.forms[service.form];
    if (!service.summary || !form) continue;
    const file = src.serviceFile(service.id);
    const paths: { path: string; at: (string | number)[] }[] = [
      ...(service.summary.applicantName ?? []).map((path, i) => ({ path, at: ['summary', 'applicantName', i] })),
      ...(service.summary.applicantIds ?? []).map((id, i) => ({ path: id.from, at: ['summary', 'applicantIds', i, 'from'] })),
      ...(service.summary.licence ?? []).map((path, i) => ({ path, at: ['summary', 'licence', i] })),
    ];
    for (const { path, at } of paths) {
      const segments = path.split('.');
      const r = resolve(formShape(form), segments.slice(1));
      if (!r.ok) out.error('unknown-field', src.where(file, at), `summary reads ${path}, but in form "${form.id}" ${describeMiss(segments, { ...r, failedAt: r.failedAt + 1 }, 'submission')}`);
    }
  }
}

/** Why `segments` finds nothing where the rule is used, or undefined when it exists. */
function readProblem(config: RegionConfig, segments: readonly string[], u: RuleUse): string | undefined {
  const [root, ...rest] = segments;
  if (root === 'submission') {
    for (const form of u.submission) {
      const r = resolve(formShape(form), rest);
      if (!r.ok) return `but as the ${u.where} it reads form "${form.id}", where ${describeMiss(segments, { ...r, failedAt: r.failedAt + 1 }, 'submission')}`;
    }
    return undefined;
  }
  if (root === 'payload') {
    if (u.payload === undefined) return `but as the ${u.where} it has no event payload to read (only submission.*)`;
    if (u.payload === null) return `but as the ${u.where} the event carries no payload form`;
    const r = resolve(formShape(u.payload), rest);
    return r.ok ? undefined : `but as the ${u.where} the payload is form "${u.payload.id}", where ${describeMiss(segments, { ...r, failedAt: r.failedAt + 1 }, 'payload')}`;
  }
  if (root === 'application' && rest[0] === 'data') {
    if (!u.procedure) return `but as the ${u.where} it has no officers' data to read (only submission.*)`;
    const event = rest[1];
    if (event === undefined) return undefined;
    const declared = u.procedure.events[event];
    if (!declared) return `but procedure "${u.procedure.id}" has no event ${event}`;
    if (!declared.payload || !config.forms[declared.payload]) return `but event ${event} carries no payload form, so nothing is kept under application.data.${event}`;
    const r = resolve(formShape(config.forms[declared.payload]), rest.slice(2));
    return r.ok ? undefined : `but the payload of ${event} is form "${declared.payload}", where ${describeMiss(segments, { ...r, failedAt: r.failedAt + 3 }, `application.data.${event}`)}`;
  }
  if (root === 'application' && rest[0] === 'references') return referenceProblem(segments, rest.slice(1), u);
  const time = timeReadProblem(config, segments, u);
  if (time !== false) return time;
  return `which rules cannot read (rule data is submission.*, payload.*, application.data.EVENT.* and application.references.*; guards also read time.today, application.receivedOn, .registeredOn, .milestones.*, .due.*)`;
}

/** For a time read (engine/timeline/timeFacts.ts): why it finds nothing, undefined when it exists, false when `segments` is no time read. */
function timeReadProblem(config: RegionConfig, segments: readonly string[], u: RuleUse): string | undefined | false {
  const [root, first, second, ...more] = segments;
  const isTime =
    (root === 'time' && (first === 'today' || first === 'now') && second === undefined) ||
    (root === 'application' && ['receivedOn', 'registeredOn', 'receivedAt', 'milestones', 'due'].includes(first ?? ''));
  if (!isTime) return false;
  const p = u.procedure;
  if (!p || u.payload === undefined) return `but as the ${u.where} it has no moment to read (only guards read time)`;
  if (first === 'milestones') {
    // A rule shared by several procedures may read a milestone only some of them record (absent in the others).
    const recorded = new Set(['registration', ...Object.values(config.procedures).flatMap((q) => Object.values(q.states).flatMap((s) => (s?.milestone ? [s.milestone] : [])))]);
    return second !== undefined && recorded.has(second) && more.length === 0 ? undefined : `but no state of any procedure records milestone "${second ?? ''}" (${[...recorded].join(', ')})`;
  }
  if (first === 'due') {
    if ((second === 'total' || second === 'step') && more.length === 0) return undefined;
    if (second === 'phases') return more.length === 1 && (p.phases ?? []).some((x) => x.id === more[0]) ? undefined : `but procedure "${p.id}" has no phase "${more[0] ?? ''}"`;
    if (second === 'deadlines') return more.length === 1 && Object.hasOwn(config.deadlines, more[0]!) ? undefined : `but deadlines.yaml has no deadline "${more[0] ?? ''}"`;
    return 'but due dates are application.due.total, .step, .phases.<phase> and .deadlines.<deadline>';
  }
  return second === undefined ? undefined : `but ${root}.${first} is a date, with nothing under it`;
}

/** The keys of a named application's summary as at filing (engine/forms/applicationReferences.ts filingReferences). */
const REFERENCE_KEYS = new Set(['id', 'number', 'service', 'registeredOn', 'outcome', 'earlier']);

/** application.references.<section>.<field>.<key>: the field must be of type application in every application form concerned. */
function referenceProblem(segments: readonly string[], rest: readonly string[], u: RuleUse): string | undefined {
  for (const form of u.submission) {
    for (let i = 1; i <= rest.length; i++) {
      const r = resolve(formShape(form), rest.slice(0, i));
      if (!r.ok) return `but as the ${u.where} it reads form "${form.id}", where ${describeMiss(segments, { ...r, failedAt: r.failedAt + 2 }, 'application.references')}`;
      if (r.shape.kind === 'value' && r.shape.source?.field?.type === 'application') {
        const key = rest[i];
        if (key !== undefined && !REFERENCE_KEYS.has(key)) return `but a named application has only ${[...REFERENCE_KEYS].join(', ')}`;
        break;
      }
      if (i === rest.length) return `but "${rest.join('.')}" of form "${form.id}" is not a field of type application`;
    }
  }
  return undefined;
}

/** Registry attributes and the licence paths of amend/terminate actions. */
function checkRegistryPaths(config: RegionConfig, src: RegionSources, out: FindingList): void {
  // `where` is a function: a position costs parsing the file, worth it only for a finding.
  const checkPath = (path: string, procedures: readonly ProcedureFile[], where: () => Where, what: string) => {
    const [root, ...rest] = path.split('.');
    for (const p of procedures) {
      if (root === 'submission') {
        for (const service of Object.values(config.services).filter((s) => s.procedure === p.id)) {
          const form = config.forms[service.form];
          if (!form) continue;
          const r = resolve(formShape(form), rest);
          if (!r.ok) out.error('unknown-field', where(), `${what} reads ${path}, but in service "${service.id}" (form "${form.id}") ${describeMiss(path.split('.'), { ...r, failedAt: r.failedAt + 1 }, 'submission')}`);
        }
      } else if (root === 'data') {
        const [event, ...fields] = rest;
        const payload = p.events[event]?.payload;
        if (!payload || !config.forms[payload]) {
          out.error('unknown-field', where(), `${what} reads ${path}, but event ${event} of procedure "${p.id}" ${p.events[event] ? 'carries no payload form' : 'does not exist'}`);
          continue;
        }
        const r = resolve(formShape(config.forms[payload]), fields);
        if (!r.ok) out.error('unknown-field', where(), `${what} reads ${path}, but the payload of ${event} is form "${payload}", where ${describeMiss(path.split('.'), { ...r, failedAt: r.failedAt + 2 }, `data.${event}`)}`);
      }
    }
  };

  const issuing: ProcedureFile[] = [];
  for (const procedure of Object.values(config.procedures)) {
    const file = src.procedureFile(procedure.id);
    const actions = [
      ...edgesOf(procedure).flatMap((e) => (e.actions ?? []).map((a, i) => ({ a, at: [...e.at, 'actions', i] }))),
      ...Object.entries(procedure.states).flatMap(([id, s]) => (s?.entry ?? []).map((a, i) => ({ a, at: ['states', id, 'entry', i] }))),
    ];
    if (actions.some(({ a }) => a.type === 'issueLicence')) issuing.push(procedure);
    for (const { a, at } of actions) {
      const params = a.params ?? {};
      for (const key of ['licence', 'effectiveDate'] as const) {
        if (params[key]) checkPath(params[key]!, [procedure], () => src.where(file, [...at, 'params', key]), `${a.type} ${key}`);
      }
      for (const [attr, path] of Object.entries(params.set ?? {})) {
        if (config.registry && !config.registry.attributes.some((x) => x.id === attr)) {
          out.error('unknown-field', src.where(file, [...at, 'params', 'set', attr], true), `amendLicence sets attribute "${attr}", which registry.yaml does not define`);
        }
        if (path) checkPath(path, [procedure], () => src.where(file, [...at, 'params', 'set', attr]), `amendLicence attribute ${attr}`);
      }
    }
  }
  if (!config.registry) return;
  const regFile = src.singleFile('registry.yaml');
  config.registry.attributes.forEach((attr, i) => checkPath(attr.from, issuing, () => src.where(regFile, ['attributes', i, 'from']), `registry attribute "${attr.id}"`));
}
