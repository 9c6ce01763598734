/**
 * Config items nothing uses: forms, templates, fees, exemptions, refusal-ground groups, rules and
 * deadlines. Each is harmless at run time but usually means a reference was forgotten (a fee never
 * charged, a deadline never watched), so each is a warning. Items of the shared folder are skipped:
 * they serve every region, and one region need not use them all.
 */
import type { Field, Transition } from '../../config/types/generated.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import { edgesOf } from './procedureGraph.ts';
import type { FindingList, RegionSources } from './RegionSources.ts';
import { templateUsers } from './checkTemplates.ts';

export function checkUnused(config: RegionConfig, src: RegionSources, out: FindingList): void {
  const services = Object.values(config.services);
  const procedures = Object.values(config.procedures);
  const forms = Object.values(config.forms);
  const allFields = (fields: readonly Field[]): Field[] => fields.flatMap((f) => [f, ...allFields(f.fields ?? [])]);
  const formFields = forms.flatMap((f) => f.sections.flatMap((s) => allFields(s.fields)));

  const usedForms = new Set([...services.map((s) => s.form), ...procedures.flatMap((p) => Object.values(p.events).flatMap((e) => (e?.payload ? [e.payload] : [])))]);
  const usedTemplates = new Set(templateUsers(config).keys());
  // The engine renders the first extract template for registry extracts.
  const extract = Object.values(config.templates).find((t) => t.kind === 'extract');
  if (extract && config.registry) usedTemplates.add(extract.id);
  const usedFees = new Set(services.flatMap((s) => (s.fee ?? []).map((c) => c.use)));
  const usedExemptions = new Set(services.flatMap((s) => s.exemptions ?? []));
  const usedGroups = new Set([...services.flatMap((s) => s.refusalGrounds ?? []), ...formFields.flatMap((f) => (f.type === 'grounds' && f.group ? [f.group] : []))]);
  const transitions = procedures.flatMap((p) =>
    [p.on, ...Object.values(p.states).map((s) => s?.on)].flatMap((on) => Object.values(on ?? {}).flatMap((spec) => ([] as Transition[]).concat(spec ?? []))),
  );
  const suspensions = [
    ...procedures.flatMap((p) => Object.values(p.states).flatMap((s) => (s?.suspends ? [s.suspends] : []))),
    ...transitions.flatMap((t) => (t.suspend ? [t.suspend] : [])),
  ];
  // A rule may read any deadline's due date (application.due.deadlines.<id>).
  const readByRules = Object.values(config.rules).flatMap((r) => [...JSON.stringify(r.when).matchAll(/application\.due\.deadlines\.([a-zA-Z][a-zA-Z0-9_-]*)/g)].map((m) => m[1]!));
  const usedDeadlines = new Set([
    ...services.flatMap((s) => (s.deadline ?? []).map((c) => c.use)),
    ...procedures.flatMap((p) => Object.values(p.states).flatMap((s) => (s?.deadline ? [s.deadline] : []))),
    ...procedures.flatMap((p) => (p.phases ?? []).map((ph) => ph.deadline)),
    ...suspensions.flatMap((s) => [...s.deadlines, ...(s.atMost ? [s.atMost] : [])]),
    ...readByRules,
  ]);
  const usedRules = new Set([
    ...services.flatMap((s) => [...(s.deadline ?? []), ...(s.fee ?? []), ...(s.delivery?.channels ?? [])].flatMap((c) => (c.when ? [c.when] : []))),
    ...Object.values(config.exemptions).filter((x) => usedExemptions.has(x.id)).map((x) => x.when),
    ...procedures.flatMap((p) => edgesOf(p).flatMap((e) => (e.guard ? [e.guard] : []))),
    ...forms.flatMap((f) => f.sections.flatMap((s) => [s.visibleWhen, ...allFields(s.fields).map((x) => x.visibleWhen)])).filter((r): r is string => !!r),
  ]);

  const report = (rel: string, list: string, ids: readonly string[], used: Set<string>, what: string, hint: string, clauseOf: (id: string) => string | undefined) => {
    if (src.isShared(rel)) return;
    for (const id of ids) {
      if (!used.has(id)) out.warning(`unused-${what.replace(/ /g, '-')}`, src.item(rel, [list], id, ['id']), `${what} "${id}" is not used: ${hint}`, clauseOf(id));
    }
  };
  for (const form of forms) {
    if (!usedForms.has(form.id)) out.warning('unused-form', src.where(src.formFile(form.id), ['id']), `form "${form.id}" is not used: no service files it and no event carries it`, form.clause);
  }
  report(src.singleFile('templates/index.yaml'), 'templates', Object.keys(config.templates), usedTemplates, 'template', 'no renderDocument action or service result names it', (id) => config.templates[id]?.clause);
  report(src.singleFile('fees.yaml'), 'fees', Object.keys(config.fees), usedFees, 'fee', 'no service charges it', (id) => config.fees[id]?.clause);
  report(src.singleFile('fees.yaml'), 'exemptions', Object.keys(config.exemptions), usedExemptions, 'exemption', 'no service lists it', (id) => config.exemptions[id]?.clause);
  report(src.singleFile('refusals.yaml'), 'groups', Object.keys(config.refusals), usedGroups, 'refusal group', 'no service or grounds field offers it', (id) => config.refusals[id]?.clause);
  report(src.singleFile('rules.yaml'), 'rules', Object.keys(config.rules), usedRules, 'rule', 'no guard, visibleWhen, choice or delivery channel refers to it', (id) => config.rules[id]?.clause);
  report(src.singleFile('deadlines.yaml'), 'deadlines', Object.keys(config.deadlines), usedDeadlines, 'deadline', 'no step, phase, suspension, service total or rule uses it', (id) => config.deadlines[id]?.clause);
}
