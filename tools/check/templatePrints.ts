/**
 * Which values a rendered document printed empty. Walks a template's AST over the real context the
 * way Handlebars renders it (only the branches #if/#unless/#each/#with take) and reports every value
 * printed — directly or through the date and money helpers — that was missing, null or "": a gap in a
 * legal document. Values inside a branch that was not taken are optional by the author's choice.
 */
import Handlebars from 'handlebars';
import { documentHelpers } from '../../engine/documents/helpers.ts';

export interface EmptyPrint {
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

type Helper = (...args: unknown[]) => unknown;
const HELPERS = documentHelpers as unknown as Record<string, Helper>;
const PRINTING_HELPERS = new Set(['date', 'money']);

interface Frame {
  readonly value: unknown;
  readonly params: ReadonlyMap<string, unknown>;
  readonly data: Readonly<Record<string, unknown>>;
}

const empty = (v: unknown) => v === undefined || v === null || v === '';
const truthy = (v: unknown) => !(empty(v) || v === false || v === 0 || (Array.isArray(v) && v.length === 0));

export function emptyPrints(source: string, context: unknown): EmptyPrint[] {
  const out: EmptyPrint[] = [];
  const ast = Handlebars.parse(source);
  const at = (n: hbs.AST.Node) => ({ line: n.loc?.start.line ?? 0, column: (n.loc?.start.column ?? 0) + 1 });

  const own = (obj: unknown, key: string): unknown => (obj !== null && typeof obj === 'object' && Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined);
  const lookup = (p: hbs.AST.PathExpression, stack: readonly Frame[]): unknown => {
    const top = stack[stack.length - 1];
    if (p.data) {
      if (p.parts[0] === 'root') return p.parts.slice(1).reduce(own, context);
      return top.data[p.parts[0]];
    }
    if (p.depth === 0 && p.parts.length > 0 && top.params.has(p.parts[0])) return p.parts.slice(1).reduce(own, top.params.get(p.parts[0]));
    const frame = stack[Math.max(0, stack.length - 1 - p.depth)];
    return p.parts.reduce(own, frame.value);
  };
  const value = (e: hbs.AST.Expression, stack: readonly Frame[]): unknown => {
    switch (e.type) {
      case 'PathExpression':
        return lookup(e as hbs.AST.PathExpression, stack);
      case 'SubExpression': {
        const s = e as hbs.AST.SubExpression;
        const helper = HELPERS[(s.path as hbs.AST.PathExpression).original];
        return helper ? helper(...s.params.map((x) => value(x, stack))) : undefined;
      }
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
        return (e as hbs.AST.StringLiteral).value;
      default:
        return undefined;
    }
  };
  const program = (prog: hbs.AST.Program | null | undefined, stack: readonly Frame[]) => {
    for (const s of prog?.body ?? []) statement(s, stack);
  };
  const statement = (s: hbs.AST.Statement, stack: readonly Frame[]): void => {
    if (s.type === 'MustacheStatement') {
      const m = s as hbs.AST.MustacheStatement;
      const name = (m.path as hbs.AST.PathExpression).original;
      if (PRINTING_HELPERS.has(name)) {
        const arg = m.params[0];
        if (arg && empty(value(arg, stack))) out.push({ path: `${name} ${(arg as hbs.AST.PathExpression).original ?? ''}`.trim(), ...at(m) });
      } else if (m.params.length === 0 && !HELPERS[name] && empty(value(m.path as hbs.AST.Expression, stack))) {
        out.push({ path: name, ...at(m) });
      }
      return;
    }
    if (s.type !== 'BlockStatement') return;
    const b = s as hbs.AST.BlockStatement;
    const name = (b.path as hbs.AST.PathExpression).original;
    const subject = b.params[0] ? value(b.params[0], stack) : value(b.path as hbs.AST.Expression, stack);
    const top = stack[stack.length - 1];
    const blockParams = b.program?.blockParams ?? [];
    if (name === 'if' || name === 'unless') {
      program(truthy(subject) === (name === 'if') ? b.program : b.inverse, stack);
    } else if (name === 'each') {
      const entries = Array.isArray(subject) ? subject.map((v, i) => [i, v] as const) : subject && typeof subject === 'object' ? Object.entries(subject) : [];
      if (entries.length === 0) program(b.inverse, stack);
      entries.forEach(([key, item], i) => {
        const params = new Map(top.params);
        if (blockParams[0]) params.set(blockParams[0], item);
        if (blockParams[1]) params.set(blockParams[1], key);
        program(b.program, [...stack, { value: item, params, data: { index: i, key, first: i === 0, last: i === entries.length - 1 } }]);
      });
    } else if (name === 'with') {
      if (!truthy(subject)) program(b.inverse, stack);
      else {
        const params = new Map(top.params);
        if (blockParams[0]) params.set(blockParams[0], subject);
        program(b.program, [...stack, { value: subject, params, data: top.data }]);
      }
    } else {
      program(truthy(subject) ? b.program : b.inverse, stack);
    }
  };
  program(ast, [{ value: context, params: new Map(), data: {} }]);
  return out;
}
