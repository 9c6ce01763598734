/**
 * Checks that the files of a region fit together: every id a file names exists, ids are unique,
 * file names match ids, templates parse and escape, calendars agree with their years.
 */
import Handlebars from 'handlebars';
import path from 'node:path';
import type { CalendarYearFile, Field, FormFile, ProcedureFile, ServiceFile, Transition } from '../types/generated.ts';
import type { RegionConfig } from '../types/RegionConfig.ts';
import { unknownOperators } from './jsonLogicOperators.ts';
import type { LoadError } from './LoadError.ts';
import { templateViolations } from './templatePolicy.ts';
import { formatPath, locate, type PathSegment, type YamlFile } from './yamlFile.ts';
import { isWeekend, toDayNumber } from '../dates/isoDate.ts';
import { checkTimeReferences } from './checkTimeReferences.ts';

export interface CheckContext {
  /** Parsed file by its key in the file map. */
  readonly sources: Record<string, YamlFile>;
  readonly byFolder: Record<string, Record<string, { data: unknown; file: YamlFile }>>;
  readonly sharedRel: string;
  /** Template file name -> Handlebars source. */
  readonly templateSources: Record<string, string>;
  readonly shownDir: string;
  readonly folderName: string;
}


export function checkReferences(config: RegionConfig, ctx: CheckContext, errors: LoadError[]): void {
  const report = (file: YamlFile | undefined, at: PathSegment[], message: string, key = false) => {
    if (!file) return;
    const pos = locate(file, at, key);
    errors.push({ file: file.file, line: pos.line, column: pos.column, path: formatPath(at), message });
  };
  const fileOf = (rel: string) => ctx.sources[rel] ?? ctx.sources[`${ctx.sharedRel}/${rel}`];
  const exists = (map: Readonly<Record<string, unknown>>, id: string | undefined) => id !== undefined && Object.hasOwn(map, id);
  const known = (map: Readonly<Record<string, unknown>>) => {
    const ids = Object.keys(map);
    return ids.length ? `known: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', ...' : ''}` : 'none are defined';
  };
  const ref = (file: YamlFile | undefined, at: PathSegment[], map: Readonly<Record<string, unknown>>, id: string | undefined, what: string) => {
    if (id !== undefined && !exists(map, id)) report(file, at, `refers to ${what} "${id}", which does not exist (${known(map)})`);
  };

  // region.yaml
  const regionFile = ctx.sources['region.yaml'];
  if (config.region.id !== ctx.folderName) report(regionFile, ['id'], `must equal the folder name "${ctx.folderName}" (got "${config.region.id}")`);
  try {
    new Intl.DateTimeFormat('en', { timeZone: config.region.timezone });
  } catch {
    report(regionFile, ['timezone'], `is not a known IANA timezone (got "${config.region.timezone}")`);
  }
  for (const [i, p] of (config.region.workingHours?.periods ?? []).entries()) {
    if (p.from >= p.to) report(regionFile, ['workingHours', 'periods', i, 'to'], `must be later than "from" (${p.from})`);
  }
  config.region.services.forEach((id, i) => ref(regionFile, ['services', i], config.services, id, 'service (services/<id>.yaml)'));

  // Ids unique within single files.
  duplicates(fileOf('roles.yaml'), ['roles'], errors);
  duplicates(fileOf('rules.yaml'), ['rules'], errors);
  duplicates(fileOf('fees.yaml'), ['fees'], errors);
  duplicates(fileOf('fees.yaml'), ['exemptions'], errors);
  duplicates(fileOf('deadlines.yaml'), ['deadlines'], errors);
  duplicates(fileOf('refusals.yaml'), ['groups'], errors);
  duplicates(fileOf('templates/index.yaml'), ['templates'], errors);
  duplicates(fileOf('registry.yaml'), ['attributes'], errors);
  Object.values(config.refusals).forEach((_, gi) => duplicates(fileOf('refusals.yaml'), ['groups', gi, 'grounds'], errors));

  // Folder files: id equals the file name.
  for (const dir of ['services', 'forms', 'procedures']) {
    for (const [rel, { data, file }] of Object.entries(ctx.byFolder[dir] ?? {})) {
      const expected = path.basename(rel, '.yaml');
      const id = (data as { id: string }).id;
      if (id !== expected) report(file, ['id'], `must equal the file name "${expected}" (got "${id}")`);
    }
  }
  const serviceFile = (id: string) => Object.values(ctx.byFolder.services ?? {}).find((s) => (s.data as ServiceFile).id === id)?.file;
  const formFile = (id: string) => Object.values(ctx.byFolder.forms ?? {}).find((s) => (s.data as FormFile).id === id)?.file;
  const procedureFile = (id: string) => Object.values(ctx.byFolder.procedures ?? {}).find((s) => (s.data as ProcedureFile).id === id)?.file;

  // Rules: only allowed JSON Logic operators.
  const rulesFile = fileOf('rules.yaml');
  Object.values(config.rules).forEach((rule, i) => {
    for (const bad of unknownOperators(rule.when)) report(rulesFile, ['rules', i, 'when', ...bad.path], `uses "${bad.operator}", which is not an allowed JSON Logic operator`);
  });

  // Roles: someone must be able to file applications.
  if (!Object.values(config.roles).some((r) => r.applicant)) report(fileOf('roles.yaml'), ['roles'], 'needs at least one role with "applicant: true" (the role that files applications)');

  // Services.
  for (const service of Object.values(config.services)) {
    const f = serviceFile(service.id);
    if (!config.region.services.includes(service.id)) report(f, ['id'], `service "${service.id}" is not listed in region.yaml services`);
    ref(f, ['form'], config.forms, service.form, 'form');
    ref(f, ['procedure'], config.procedures, service.procedure, 'procedure');
    const totals = service.deadline ?? [];
    checkChoices(f, ['deadline'], totals, config.deadlines, 'deadline (deadlines.yaml)');
    const lastDeadline = totals[totals.length - 1];
    if (lastDeadline?.when) report(f, ['deadline', totals.length - 1, 'when'], 'the last deadline choice must have no "when": every application needs a total deadline, so one choice has to apply when no rule holds', true);
    if (service.fee) checkChoices(f, ['fee'], service.fee, config.fees, 'fee (fees.yaml)');
    service.exemptions?.forEach((id, i) => ref(f, ['exemptions', i], config.exemptions, id, 'fee exemption (fees.yaml exemptions)'));
    service.refusalGrounds?.forEach((id, i) => ref(f, ['refusalGrounds', i], config.refusals, id, 'refusal-ground group (refusals.yaml)'));
    service.applicantRoles?.forEach((id, i) => ref(f, ['applicantRoles', i], config.roles, id, 'role'));
    service.results?.forEach((r, i) => ref(f, ['results', i, 'template'], config.templates, r.template, 'template (templates/index.yaml)'));
    service.delivery?.channels.forEach((c, i) => {
      if (c.when !== undefined) ref(f, ['delivery', 'channels', i, 'when'], config.rules, c.when, 'rule');
      if (c.channel === 'email' && c.to === undefined) report(f, ['delivery', 'channels', i], 'an email channel needs `to`: the path of the address in the application (e.g. submission.applicant.email)');
    });
  }
  function checkChoices(f: YamlFile | undefined, at: PathSegment[], choices: readonly NonNullable<ServiceFile['deadline']>[number][], map: Readonly<Record<string, unknown>>, what: string) {
    choices.forEach((c, i) => {
      ref(f, [...at, i, 'use'], map, c.use, what);
      ref(f, [...at, i, 'when'], config.rules, c.when, 'rule (rules.yaml)');
      if (!c.when && i < choices.length - 1) report(f, [...at, i], 'has no "when" rule, so the choices after it can never apply; only the last choice may omit "when"');
    });
  }

  // Fees.
  const feesFile = fileOf('fees.yaml');
  Object.values(config.exemptions).forEach((x, i) => ref(feesFile, ['exemptions', i, 'when'], config.rules, x.when, 'rule (rules.yaml)'));
  Object.values(config.fees).forEach((fee, i) => {
    const seen = new Set<string>();
    fee.values.forEach((v, j) => {
      if (seen.has(v.from)) report(feesFile, ['fees', i, 'values', j, 'from'], `repeats the date ${v.from}: each date may set one amount`);
      seen.add(v.from);
    });
  });

  // Forms.
  for (const form of Object.values(config.forms)) {
    const f = formFile(form.id);
    uniqueBy(f, ['sections'], form.sections.map((s) => s.id), 'id', 'section', errors);
    form.sections.forEach((section, si) => {
      ref(f, ['sections', si, 'visibleWhen'], config.rules, section.visibleWhen, 'rule (rules.yaml)');
      section.atLeastOne?.forEach((id, k) => {
        if (!section.fields.some((field) => field.id === id)) report(f, ['sections', si, 'atLeastOne', k], `names "${id}", which is not a field of section ${section.id} (known: ${section.fields.map((x) => x.id).join(', ')})`);
      });
      checkFields(f, ['sections', si, 'fields'], section.fields);
    });
  }
  function checkFields(f: YamlFile | undefined, at: PathSegment[], fields: readonly Field[]) {
    uniqueBy(f, at, fields.map((x) => x.id), 'id', 'field', errors);
    fields.forEach((field, i) => {
      const here = [...at, i];
      ref(f, [...here, 'visibleWhen'], config.rules, field.visibleWhen, 'rule (rules.yaml)');
      const needsOptions = field.type === 'enum' || field.type === 'multiEnum';
      const needsFields = field.type === 'group' || field.type === 'list';
      if (needsOptions && !field.options) report(f, here, `is a ${field.type} field and needs "options"`);
      if (!needsOptions && field.options) report(f, [...here, 'options'], `only enum and multiEnum fields take options (this field is ${field.type})`, true);
      if (needsFields && !field.fields) report(f, here, `is a ${field.type} field and needs "fields"`);
      if (!needsFields && field.fields) report(f, [...here, 'fields'], `only group and list fields take nested fields (this field is ${field.type})`, true);
      if (field.type === 'file' && !field.formats) report(f, here, 'is a file field and needs "formats" (allowed file extensions)');
      if (field.type !== 'file' && field.formats) report(f, [...here, 'formats'], `only file fields take formats (this field is ${field.type})`, true);
      if (field.type !== 'application' && (field.scope !== undefined || field.services !== undefined)) report(f, [...here, field.scope !== undefined ? 'scope' : 'services'], `only application fields take scope and services (this field is ${field.type})`, true);
      field.services?.forEach((id, k) => ref(f, [...here, 'services', k], config.services, id, 'service'));
      if (field.type === 'grounds') {
        if (!field.group) report(f, here, 'is a grounds field and needs "group" (a group id in refusals.yaml)');
        else ref(f, [...here, 'group'], config.refusals, field.group, 'refusal-ground group (refusals.yaml)');
      }
      if (field.options) uniqueBy(f, [...here, 'options'], field.options.map((o) => o.value), 'value', 'option value', errors);
      if (field.pattern !== undefined) {
        try {
          new RegExp(field.pattern, 'u');
        } catch (e) {
          report(f, [...here, 'pattern'], `is not a valid regular expression: ${(e as Error).message}`);
        }
      }
      if (field.fields) checkFields(f, [...here, 'fields'], field.fields);
    });
  }

  // Procedures.
  const milestones = new Set<string>();
  for (const procedure of Object.values(config.procedures)) {
    const f = procedureFile(procedure.id);
    if (!exists(procedure.states, procedure.initial)) report(f, ['initial'], `names state "${procedure.initial}" that does not exist (${known(procedure.states)})`);
    for (const [name, event] of Object.entries(procedure.events)) {
      event!.roles.forEach((r, i) => ref(f, ['events', name, 'roles', i], config.roles, r, 'role (roles.yaml)'));
      ref(f, ['events', name, 'payload'], config.forms, event!.payload, 'form');
    }
    const checkTransitions = (at: PathSegment[], on: ProcedureFile['on']) => {
      for (const [event, spec] of Object.entries(on ?? {})) {
        if (!exists(procedure.events, event)) report(f, [...at, event], `event "${event}" is not declared under "events" (${known(procedure.events)})`, true);
        const list: Transition[] = Array.isArray(spec) ? spec : [spec!];
        list.forEach((t, i) => {
          const tp = Array.isArray(spec) ? [...at, event, i] : [...at, event];
          if (!exists(procedure.states, t.target)) report(f, [...tp, 'target'], `event ${event} goes to state "${t.target}" that does not exist (${known(procedure.states)})`);
          ref(f, [...tp, 'guard'], config.rules, t.guard, 'guard rule (rules.yaml)');
          checkActions([...tp, 'actions'], t.actions);
          if (!t.guard && i < list.length - 1) report(f, tp, `has no guard, so the transitions after it for ${event} can never be taken`);
        });
      }
    };
    const checkActions = (at: PathSegment[], actions: Transition['actions']) => {
      actions?.forEach((a, i) => {
        if (a.type === 'renderDocument') ref(f, [...at, i, 'params', 'template'], config.templates, a.params?.template, 'template (templates/index.yaml)');
        else if (!config.registry) report(f, [...at, i, 'type'], `${a.type} needs a licence registry: add registry.yaml`);
      });
    };
    checkTransitions(['on'], procedure.on);
    for (const [name, state] of Object.entries(procedure.states)) {
      const at = ['states', name];
      ref(f, [...at, 'role'], config.roles, state!.role, 'role (roles.yaml)');
      ref(f, [...at, 'deadline'], config.deadlines, state!.deadline, 'deadline (deadlines.yaml)');
      if (state!.milestone) milestones.add(state!.milestone);
      if (state!.type === 'final' && state!.on) report(f, [...at, 'on'], 'a final state accepts no events', true);
      if (state!.type !== 'final' && state!.outcome) report(f, [...at, 'outcome'], 'only a final state has an outcome', true);
      checkActions([...at, 'entry'], state!.entry);
      checkTransitions([...at, 'on'], state!.on);
      for (const event of Object.keys(state!.otherwise ?? {})) {
        const spec = state!.on?.[event];
        const guarded = spec !== undefined && ([] as Transition[]).concat(spec).every((t) => t.guard);
        if (!guarded) report(f, [...at, 'otherwise', event], `only an event this step handles with guarded transitions can be refused otherwise (${event} ${spec === undefined ? 'is not handled here' : 'has an unguarded transition'})`, true);
      }
    }
  }

  // Deadlines: units, counting rules and anchors; phases, suspensions; rules that read time.
  checkTimeReferences(config, {
    report,
    deadlinesFile: fileOf('deadlines.yaml'),
    rulesFile,
    serviceFile,
    procedureFile,
    formFile,
    milestones,
  });

  // Templates: files exist, parse, and keep to the template policy (templatePolicy.ts): no partials,
  // decorators or unescaped output, only the allowed helpers.
  const templatesFile = fileOf('templates/index.yaml');
  const listed = new Set<string>();
  Object.values(config.templates).forEach((t, i) => {
    listed.add(t.file);
    const source = ctx.templateSources[t.file];
    if (source === undefined) {
      report(templatesFile, ['templates', i, 'file'], `template file templates/${t.file} does not exist`);
      return;
    }
    checkTemplate(path.join(ctx.shownDir, 'templates', t.file), source, errors);
  });
  for (const file of Object.keys(ctx.templateSources)) {
    if (!listed.has(file)) errors.push({ file: path.join(ctx.shownDir, 'templates', file), line: 0, column: 0, path: '', message: 'template file is not listed in templates/index.yaml' });
  }

  // Calendars agree with their years.
  for (const [rel, { data, file }] of Object.entries(ctx.byFolder.calendar ?? {})) {
    const year = (data as CalendarYearFile).year;
    const expected = path.basename(rel, '.yaml');
    if (String(year) !== expected) report(file, ['year'], `must equal the file name ${expected} (got ${year})`);
    (data as CalendarYearFile).nonWorking?.forEach((d, i) => {
      if (!d.date.startsWith(`${year}-`)) report(file, ['nonWorking', i, 'date'], `is not in ${year}`);
      else if (isWeekend(toDayNumber(d.date))) report(file, ['nonWorking', i, 'date'], `${d.date} is a Saturday or Sunday, which is non-working anyway; list only Monday-to-Friday days here`);
    });
    (data as CalendarYearFile).workingWeekends?.forEach((d, i) => {
      if (!d.date.startsWith(`${year}-`)) report(file, ['workingWeekends', i, 'date'], `is not in ${year}`);
      else if (!isWeekend(toDayNumber(d.date))) report(file, ['workingWeekends', i, 'date'], `${d.date} is not a Saturday or Sunday`);
    });
  }
}

/** Reports repeated ids in the list at `at` as the file is written (byId keeps only the first). */
function duplicates(file: YamlFile | undefined, at: PathSegment[], errors: LoadError[]): void {
  let items: unknown = file?.data;
  for (const seg of at) items = (items as Record<string | number, unknown> | undefined)?.[seg];
  if (!Array.isArray(items)) return;
  uniqueBy(file, at, items.map((item) => (item as { id?: string }).id), 'id', '', errors);
}

/** Reports every repeat of an id among `ids` (items of the list at `at`), pointing at the repeat's `key`. */
function uniqueBy(file: YamlFile | undefined, at: PathSegment[], ids: readonly (string | undefined)[], key: 'id' | 'value', what: string, errors: LoadError[]): void {
  if (!file) return;
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id === undefined) return;
    if (seen.has(id)) {
      const pos = locate(file, [...at, i, key]);
      errors.push({ file: file.file, line: pos.line, column: pos.column, path: formatPath([...at, i, key]), message: `duplicate ${what ? `${what} ` : ''}id "${id}" (first defined as item ${seen.get(id)})` });
    } else seen.set(id, i);
  });
}

function checkTemplate(file: string, source: string, errors: LoadError[]): void {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (e) {
    const m = /Parse error on line (\d+)/.exec((e as Error).message);
    errors.push({ file, line: m ? Number(m[1]) : 0, column: m ? 1 : 0, path: '', message: `template does not parse: ${(e as Error).message.split('\n')[0]}` });
    return;
  }
  for (const v of templateViolations(ast)) errors.push({ file, line: v.line, column: v.column, path: '', message: v.message });
}
