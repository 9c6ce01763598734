/**
 * Every field a document template prints exists in what the engine hands it. Templates are parsed to
 * Handlebars' AST and each path expression is followed through the context shape (templateContext.ts),
 * with the context that #each, #with and block parameters set; a misspelt path would otherwise print
 * an empty string in a legal document without any error.
 */
import Handlebars from 'handlebars';
import { TEMPLATE_HELPERS } from '../../config/loader/templatePolicy.ts';
import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ServiceFile } from '../../config/types/generated.ts';
import { ANY, describeMiss, resolve, type Shape } from './dataShape.ts';
import { edgesOf } from './procedureGraph.ts';
import type { FindingList, RegionSources } from './RegionSources.ts';
import { templateContext } from './templateContext.ts';

const HELPERS = new Set(TEMPLATE_HELPERS);

/** The services whose applications render each template (by procedure actions or declared results). */
export function templateUsers(config: RegionConfig): Map<string, ServiceFile[]> {
  const users = new Map<string, Set<ServiceFile>>();
  const add = (template: string | undefined, service: ServiceFile) => template && users.set(template, (users.get(template) ?? new Set()).add(service));
  for (const service of Object.values(config.services)) {
    const procedure = config.procedures[service.procedure];
    if (!procedure) continue;
    const actions = [...edgesOf(procedure).flatMap((e) => e.actions), ...Object.values(procedure.states).flatMap((s) => s?.entry ?? [])];
    for (const a of actions) if (a.type === 'renderDocument') add(a.params?.template, service);
    for (const r of service.results ?? []) add(r.template, service);
  }
  return new Map([...users].map(([k, v]) => [k, [...v]]));
}

export function checkTemplates(config: RegionConfig, src: RegionSources, out: FindingList): void {
  const users = templateUsers(config);
  for (const template of Object.values(config.templates)) {
    let ast: hbs.AST.Program;
    try {
      ast = Handlebars.parse(template.source);
    } catch {
      continue; // the loader reports templates that do not parse
    }
    const file = src.shown(`templates/${template.file}`);
    const contexts: { label: string; shape: Shape }[] = (users.get(template.id) ?? []).map((s) => ({ label: `service "${s.id}"`, shape: templateContext(config, s) }));
    if (template.kind === 'extract' && contexts.length === 0) contexts.push({ label: 'a registry extract', shape: templateContext(config, null) });
    if (contexts.length === 0) {
      // Rendered by nobody (reported as unused): check against every service at once.
      const all = Object.values(config.services).map((s) => templateContext(config, s));
      contexts.push(...all.slice(0, 1).map((shape) => ({ label: 'any service', shape })));
    }
    // A template several services render may have parts for one of them only (inside #if or #with):
    // a path no service has is an error, a path some lack is a warning naming them.
    const byPath = new Map<string, { miss: TemplateMiss; lacking: string[] }>();
    for (const { label, shape } of contexts) {
      for (const miss of templateMisses(ast, shape)) {
        const key = `${miss.line}:${miss.column}:${miss.path}`;
        const entry = byPath.get(key) ?? { miss, lacking: [] };
        entry.lacking.push(label);
        byPath.set(key, entry);
      }
    }
    for (const { miss, lacking } of byPath.values()) {
      const where = { file, line: miss.line, column: miss.column };
      if (miss.kind === 'helper') {
        out.error('unknown-template-helper', where, `template "${template.id}" calls ${miss.path}, which is not a helper documents may use (${[...HELPERS].join(', ')})`, template.clause);
      } else if (lacking.length === contexts.length) {
        out.error('unknown-template-field', where, `template "${template.id}" prints ${miss.path}, which does not exist for ${lacking.join(', ')}: ${miss.why}`, template.clause);
      } else {
        out.warning('template-field-partial', where, `template "${template.id}" prints ${miss.path}, which only some of its services have; it prints nothing for ${lacking.join(', ')} (${miss.why})`, template.clause);
      }
    }
  }
}

/** A path a template reads that its context does not have. */
export interface TemplateMiss {
  readonly kind: 'field' | 'helper';
  readonly path: string;
  readonly why: string;
  readonly line: number;
  readonly column: number;
}

interface Scope {
  readonly shape: Shape;
  /** Block parameters (`as |item i|`) visible from here. */
  readonly params: ReadonlyMap<string, Shape>;
}

/** Every path of `ast` that finds nothing in `root`, with the scopes Handlebars would use. */
export function templateMisses(ast: hbs.AST.Program, root: Shape): TemplateMiss[] {
  const misses: TemplateMiss[] = [];
  const at = (node: hbs.AST.Node) => ({ line: node.loc?.start.line ?? 0, column: (node.loc?.start.column ?? 0) + 1 });

  const lookup = (p: hbs.AST.PathExpression, stack: readonly Scope[]): Shape => {
    const parts = [...p.parts];
    if (p.data) {
      if (parts[0] !== 'root') return ANY; // @index, @key, @first, @last
      return follow(root, parts.slice(1), `@root`, p);
    }
    const top = stack[stack.length - 1];
    if (p.depth === 0 && parts.length > 0 && top.params.has(parts[0])) return follow(top.params.get(parts[0])!, parts.slice(1), parts[0], p);
    const scope = stack[Math.max(0, stack.length - 1 - p.depth)];
    return follow(scope.shape, parts, '', p);
  };
  const follow = (shape: Shape, parts: string[], prefix: string, p: hbs.AST.PathExpression): Shape => {
    const r = resolve(shape, parts);
    if (r.ok) return r.shape;
    const shown = [prefix, ...parts].filter(Boolean);
    misses.push({ kind: 'field', path: p.original, why: describeMiss(shown, prefix ? { ...r, failedAt: r.failedAt + 1 } : r, 'the document'), ...at(p) });
    return ANY;
  };
  const expr = (e: hbs.AST.Expression, stack: readonly Scope[]): Shape => {
    if (e.type === 'PathExpression') return lookup(e as hbs.AST.PathExpression, stack);
    if (e.type === 'SubExpression') {
      call(e as hbs.AST.SubExpression, stack);
      return ANY;
    }
    return ANY; // literals
  };
  /** A helper call: the helper must exist; its arguments are read in the current scope. */
  const call = (node: { path: hbs.AST.PathExpression | hbs.AST.Literal; params: hbs.AST.Expression[]; hash?: hbs.AST.Hash }, stack: readonly Scope[]) => {
    const path = node.path as hbs.AST.PathExpression;
    if (path.type === 'PathExpression' && !HELPERS.has(path.original)) misses.push({ kind: 'helper', path: path.original, why: '', ...at(path) });
    node.params.forEach((x) => expr(x, stack));
    node.hash?.pairs.forEach((pair) => expr(pair.value, stack));
  };
  const program = (prog: hbs.AST.Program | null | undefined, stack: readonly Scope[]) => {
    for (const s of prog?.body ?? []) statement(s, stack);
  };
  const statement = (s: hbs.AST.Statement, stack: readonly Scope[]): void => {
    if (s.type === 'MustacheStatement') {
      const m = s as hbs.AST.MustacheStatement;
      const path = m.path as hbs.AST.PathExpression;
      const isCall = m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0 || (path.type === 'PathExpression' && HELPERS.has(path.original));
      if (isCall) call(m, stack);
      else expr(m.path as hbs.AST.Expression, stack);
      return;
    }
    if (s.type !== 'BlockStatement') return;
    const b = s as hbs.AST.BlockStatement;
    const name = (b.path as hbs.AST.PathExpression).original;
    const here = stack[stack.length - 1];
    const subject = b.params[0] ? expr(b.params[0], stack) : ANY;
    if (!HELPERS.has(name)) {
      // {{#section}}...{{/section}}: Handlebars' block over a context value.
      const shape = expr(b.path as hbs.AST.Expression, stack);
      program(b.program, [...stack, { shape: shape.kind === 'array' ? shape.item : shape, params: here.params }]);
      program(b.inverse, stack);
      return;
    }
    b.params.slice(1).forEach((x) => expr(x, stack));
    b.hash?.pairs.forEach((pair) => expr(pair.value, stack));
    const blockParams = b.program?.blockParams ?? [];
    if (name === 'each') {
      const item = subject.kind === 'array' ? subject.item : ANY;
      const params = new Map(here.params);
      if (blockParams[0]) params.set(blockParams[0], item);
      if (blockParams[1]) params.set(blockParams[1], ANY);
      program(b.program, [...stack, { shape: item, params }]);
    } else if (name === 'with') {
      const params = new Map(here.params);
      if (blockParams[0]) params.set(blockParams[0], subject);
      program(b.program, [...stack, { shape: subject, params }]);
    } else {
      program(b.program, stack);
    }
    program(b.inverse, stack);
  };
  program(ast, [{ shape: root, params: new Map() }]);
  return misses;
}
