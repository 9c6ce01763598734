/**
 * The config language's model of time, checked with file:line: every deadline counts in one unit by a
 * stated rule, from an anchor that is known when the deadline is needed (a service total from what is
 * known at filing, a step limit from the step's start or a milestone, a phase limit from the phase's
 * start, a date field that the form has and fills); phases and suspensions name steps, milestones and
 * deadlines that exist; rules that read time are used only where there is a moment to read (guards).
 */
import type { Field, FormFile, ProcedureFile, ServiceFile, Transition } from '../types/generated.ts';
import type { Deadline, RegionConfig } from '../types/RegionConfig.ts';
import type { PathSegment, YamlFile } from './yamlFile.ts';

export type Report = (file: YamlFile | undefined, at: PathSegment[], message: string, key?: boolean) => void;

export interface TimeCheckContext {
  readonly report: Report;
  readonly deadlinesFile: YamlFile | undefined;
  readonly rulesFile: YamlFile | undefined;
  readonly serviceFile: (id: string) => YamlFile | undefined;
  readonly procedureFile: (id: string) => YamlFile | undefined;
  readonly formFile: (id: string) => YamlFile | undefined;
  /** Milestones some state records, besides the built-in anchors. */
  readonly milestones: ReadonlySet<string>;
}

const BUILT_IN = ['receipt', 'registration', 'stepStart', 'phaseStart'];
/** What a rule reads when it reads time (engine/timeline/timeFacts.ts). */
const TIME_READ = /^(time(\.|$)|application\.(receivedOn|registeredOn|receivedAt|milestones|due)(\.|$))/;

/** The form field a dotted path ("section.field", "section.group.field") names, with whether every step to it is required and always shown. */
export function fieldAt(form: FormFile, segments: readonly string[]): { field: Field; alwaysFilled: boolean } | undefined {
  const [sectionId, ...rest] = segments;
  const section = form.sections.find((s) => s.id === sectionId);
  if (!section || rest.length === 0) return undefined;
  let fields: readonly Field[] | undefined = section.fields;
  let alwaysFilled = section.visibleWhen === undefined;
  let found: Field | undefined;
  for (const id of rest) {
    found = fields?.find((f) => f.id === id);
    if (!found) return undefined;
    alwaysFilled &&= found.required === true && found.visibleWhen === undefined;
    fields = found.type === 'group' ? found.fields : undefined;
  }
  return found ? { field: found, alwaysFilled } : undefined;
}

export function checkTimeReferences(config: RegionConfig, ctx: TimeCheckContext): void {
  const { report, deadlinesFile } = ctx;
  const deadlines = Object.values(config.deadlines);
  const deadlineAt = (d: Deadline) => deadlines.indexOf(d);

  // Units and counting rules.
  deadlines.forEach((d, i) => {
    const at = ['deadlines', i];
    if ((d.workingDays === undefined) === (d.calendarDays === undefined)) {
      report(deadlinesFile, at, `needs exactly one of "workingDays" and "calendarDays" (${d.workingDays === undefined ? 'neither is' : 'both are'} given)`);
    }
    if (d.calendarDays !== undefined && !d.counting) {
      report(deadlinesFile, at, 'counts calendar days and needs "counting": { rule: civilCode, clause: "ГК РФ, ст. 191, 193" } (or rule: calendarEndStays), saying which rule ends the term');
    }
    if (d.counting) {
      const calendarRule = d.counting.rule !== 'workingDays';
      if (d.calendarDays !== undefined && !calendarRule) report(deadlinesFile, [...at, 'counting', 'rule'], 'counts calendar days, so its rule is civilCode or calendarEndStays, not workingDays');
      if (d.workingDays !== undefined && calendarRule) report(deadlinesFile, [...at, 'counting', 'rule'], `counts working days, so its rule is workingDays, not ${d.counting.rule}`);
    }
    const anchorOk = BUILT_IN.includes(d.from) || ctx.milestones.has(d.from) || d.from.startsWith('submission.') || d.from.startsWith('data.');
    if (!anchorOk) {
      report(deadlinesFile, [...at, 'from'], `counts from "${d.from}", which is neither receipt, registration, stepStart, phaseStart, a milestone any state records (${[...ctx.milestones].join(', ') || 'none'}) nor a date field (submission.<section>.<field>, data.<EVENT>.<section>.<field>)`);
    }
  });

  // Where each deadline is used, to check its anchor there.
  const asStep = new Map<string, ProcedureFile[]>();
  const asPhase = new Map<string, ProcedureFile[]>();
  const add = (map: Map<string, ProcedureFile[]>, id: string, p: ProcedureFile) => map.set(id, [...(map.get(id) ?? []), p]);
  for (const p of Object.values(config.procedures)) {
    for (const s of Object.values(p.states)) if (s?.deadline) add(asStep, s.deadline, p);
    for (const ph of p.phases ?? []) add(asPhase, ph.deadline, p);
  }
  const servicesOf = (p: ProcedureFile) => Object.values(config.services).filter((s) => s.procedure === p.id);

  deadlines.forEach((d) => {
    const at: PathSegment[] = ['deadlines', deadlineAt(d), 'from'];
    const steps = asStep.get(d.id) ?? [];
    const phases = asPhase.get(d.id) ?? [];
    if (d.from === 'phaseStart' && steps.length > 0) report(deadlinesFile, at, `counts from phaseStart but is the limit of a step in procedure "${steps[0]!.id}"; a step counts from stepStart`);
    if (d.from === 'stepStart' && phases.length > 0) report(deadlinesFile, at, `counts from stepStart but is the limit of a phase in procedure "${phases[0]!.id}"; a phase counts from phaseStart`);
    if (d.from.startsWith('submission.')) {
      const forms = [...new Set([...steps, ...phases].flatMap(servicesOf).concat(Object.values(config.services).filter((s) => (s.deadline ?? []).some((c) => c.use === d.id))).map((s) => s.form))];
      for (const formId of forms) {
        const form = config.forms[formId];
        if (!form) continue;
        const f = fieldAt(form, d.from.split('.').slice(1));
        if (!f) report(deadlinesFile, at, `counts from ${d.from}, but form "${formId}" has no such field`);
        else if (f.field.type !== 'date') report(deadlinesFile, at, `counts from ${d.from}, a ${f.field.type} field of form "${formId}"; a deadline counts from a date field`);
      }
      // Read only by guards (application.due.deadlines.<id>): some application form must have the date field.
      const applicationForms = Object.values(config.services).map((s) => config.forms[s.form]).filter((f): f is NonNullable<typeof f> => f !== undefined);
      if (forms.length === 0 && !applicationForms.some((f) => fieldAt(f, d.from.split('.').slice(1))?.field.type === 'date')) {
        report(deadlinesFile, at, `counts from ${d.from}, but no application form has such a date field`);
      }
    }
    if (d.from.startsWith('data.')) {
      const [, event, ...rest] = d.from.split('.');
      const procedures = [...new Set([...steps, ...phases])];
      for (const p of procedures.length ? procedures : Object.values(config.procedures)) {
        const formId = p.events[event!]?.payload;
        const form = formId ? config.forms[formId] : undefined;
        const problem = !p.events[event!]
          ? `procedure "${p.id}" has no event ${event}`
          : !form
            ? `event ${event} of procedure "${p.id}" carries no task form`
            : !fieldAt(form, rest)
              ? `form "${formId}" (the task form of ${event}) has no field ${rest.join('.')}`
              : fieldAt(form, rest)!.field.type !== 'date'
                ? `${rest.join('.')} of form "${formId}" is a ${fieldAt(form, rest)!.field.type} field, not a date`
                : undefined;
        if (problem && (procedures.length || !Object.values(config.procedures).some((q) => fieldOfEvent(config, q, event!, rest)))) {
          report(deadlinesFile, at, `counts from ${d.from}, but ${problem}`);
          break;
        }
      }
    }
  });

  // Service totals: known the moment the application arrives.
  for (const service of Object.values(config.services)) {
    const f = ctx.serviceFile(service.id);
    (service.deadline ?? []).forEach((choice, i) => {
      const d = Object.hasOwn(config.deadlines, choice.use) ? config.deadlines[choice.use] : undefined;
      if (!d) return;
      const problem = totalAnchorProblem(config, service, d);
      if (problem) report(f, ['deadline', i, 'use'], `the service total "${d.id}" counts from "${d.from}", ${problem}`);
    });
  }

  // Phases and suspensions.
  for (const p of Object.values(config.procedures)) {
    const f = ctx.procedureFile(p.id);
    const hasState = (id: string) => Object.hasOwn(p.states, id);
    const recorded = new Set(Object.values(p.states).flatMap((s) => (s?.milestone ? [s.milestone] : [])));
    const seen = new Set<string>();
    (p.phases ?? []).forEach((phase, i) => {
      const at = ['phases', i];
      if (seen.has(phase.id)) report(f, [...at, 'id'], `duplicate phase id "${phase.id}"`);
      seen.add(phase.id);
      if (!hasState(phase.from)) report(f, [...at, 'from'], `names state "${phase.from}", which does not exist`);
      else if (p.states[phase.from]?.type === 'final') report(f, [...at, 'from'], `names final state "${phase.from}": a phase opens on a step that is still running`);
      phase.to?.forEach((s, j) => !hasState(s) && report(f, [...at, 'to', j], `names state "${s}", which does not exist`));
      if (phase.until !== undefined && !recorded.has(phase.until)) report(f, [...at, 'until'], `names milestone "${phase.until}", which no state of procedure "${p.id}" records (${[...recorded].join(', ') || 'none'})`);
      if (!Object.hasOwn(config.deadlines, phase.deadline)) report(f, [...at, 'deadline'], `refers to deadline "${phase.deadline}", which does not exist in deadlines.yaml`);
    });
    const checkSuspension = (at: PathSegment[], s: { deadlines: string[]; atMost?: string }) => {
      s.deadlines.forEach((id, j) => !Object.hasOwn(config.deadlines, id) && report(f, [...at, 'deadlines', j], `refers to deadline "${id}", which does not exist in deadlines.yaml`));
      if (s.atMost !== undefined) {
        const limit = Object.hasOwn(config.deadlines, s.atMost) ? config.deadlines[s.atMost] : undefined;
        if (!limit) report(f, [...at, 'atMost'], `refers to deadline "${s.atMost}", which does not exist in deadlines.yaml`);
        else if (limit.from !== 'stepStart') report(f, [...at, 'atMost'], `"${s.atMost}" counts from "${limit.from}"; a suspension's limit counts from the day the clocks stop: give it from: stepStart`);
      }
    };
    const checkTransitions = (base: PathSegment[], on: ProcedureFile['on']) => {
      for (const [event, spec] of Object.entries(on ?? {})) {
        const list: Transition[] = spec === undefined ? [] : ([] as Transition[]).concat(spec);
        list.forEach((t, i) => {
          const tp: PathSegment[] = Array.isArray(spec) ? [...base, event, i] : [...base, event];
          if (t.suspend) checkSuspension([...tp, 'suspend'], t.suspend);
          t.resume?.forEach((id, j) => !Object.hasOwn(config.deadlines, id) && report(f, [...tp, 'resume', j], `refers to deadline "${id}", which does not exist in deadlines.yaml`));
        });
      }
    };
    checkTransitions(['on'], p.on);
    for (const [name, state] of Object.entries(p.states)) {
      if (state?.suspends) {
        if (state.type === 'final') report(f, ['states', name, 'suspends'], 'a final state stops no clock: every clock runs out when the application ends', true);
        checkSuspension(['states', name, 'suspends'], state.suspends);
      }
      checkTransitions(['states', name, 'on'], state?.on);
    }
    for (const event of Object.keys(p.otherwise ?? {})) {
      const spec = p.on?.[event];
      const guarded = spec !== undefined && ([] as Transition[]).concat(spec).every((t) => t.guard);
      if (!guarded) report(f, ['otherwise', event], `only a procedure-wide event (root "on") handled with guarded transitions can be refused otherwise (${event} ${spec === undefined ? 'is not in the root "on"' : 'has an unguarded transition'})`, true);
    }
  }

  // Rules that read time: only guards have a moment (the event's) to read.
  const timeRules = new Map<string, string>();
  Object.values(config.rules).forEach((rule) => {
    const read = timeReadOf(rule.when);
    if (read) timeRules.set(rule.id, read);
  });
  if (timeRules.size === 0) return;
  const notGuard = (file: YamlFile | undefined, at: PathSegment[], rule: string | undefined, where: string) => {
    const read = rule !== undefined ? timeRules.get(rule) : undefined;
    if (read) report(file, at, `uses rule "${rule}", which reads ${read}; only a procedure's guards read time (${where} is evaluated without a moment)`);
  };
  for (const service of Object.values(config.services)) {
    const f = ctx.serviceFile(service.id);
    service.deadline?.forEach((c, i) => notGuard(f, ['deadline', i, 'when'], c.when, 'a deadline choice'));
    service.fee?.forEach((c, i) => notGuard(f, ['fee', i, 'when'], c.when, 'a fee choice'));
  }
  for (const form of Object.values(config.forms)) {
    const f = ctx.formFile(form.id);
    const visit = (fields: readonly Field[], at: PathSegment[]) =>
      fields.forEach((field, i) => {
        notGuard(f, [...at, i, 'visibleWhen'], field.visibleWhen, 'visibleWhen, shown in the browser,');
        if (field.fields) visit(field.fields, [...at, i, 'fields']);
      });
    form.sections.forEach((section, i) => {
      notGuard(f, ['sections', i, 'visibleWhen'], section.visibleWhen, 'visibleWhen, shown in the browser,');
      visit(section.fields, ['sections', i, 'fields']);
    });
  }
}

function fieldOfEvent(config: RegionConfig, p: ProcedureFile, event: string, rest: readonly string[]): boolean {
  const formId = p.events[event]?.payload;
  const form = formId ? config.forms[formId] : undefined;
  return !!form && fieldAt(form, rest)?.field.type === 'date';
}

/** Why a total cannot count from its anchor (it must be known when the application arrives), or undefined. */
function totalAnchorProblem(config: RegionConfig, service: ServiceFile, d: Deadline): string | undefined {
  if (d.from === 'receipt' || d.from === 'registration') return undefined;
  if (d.from.startsWith('submission.')) {
    const form = config.forms[service.form];
    const f = form ? fieldAt(form, d.from.split('.').slice(1)) : undefined;
    if (!f || f.field.type !== 'date') return undefined; // reported with the deadline
    return f.alwaysFilled ? undefined : `a field of the application form that may be left empty (it is optional or shown only sometimes); a total counts from receipt, registration or a required date field`;
  }
  return 'which is not known when the application arrives; a total counts from receipt, registration or a required date field of the application form';
}

/** The first time value a rule reads ("time.today", "application.due.total"), or undefined. */
function timeReadOf(logic: unknown): string | undefined {
  if (Array.isArray(logic)) {
    for (const item of logic) {
      const r = timeReadOf(item);
      if (r) return r;
    }
    return undefined;
  }
  if (logic === null || typeof logic !== 'object') return undefined;
  for (const [op, arg] of Object.entries(logic)) {
    if (op === 'var') {
      const name = Array.isArray(arg) ? arg[0] : arg;
      if (typeof name === 'string' && TIME_READ.test(name)) return name;
    }
    if (op === 'workingDaysBetween' || op === 'calendarDaysBetween') return op;
    const r = timeReadOf(arg);
    if (r) return r;
  }
  return undefined;
}
