/**
 * What a document template may contain. A template is one self-contained Handlebars file that prints
 * values: no partials (a missing or recursive one fails at render time and leaves applications stuck),
 * no decorators (inline partials), no unescaped output, and only the helpers on TEMPLATE_HELPERS:
 * `log` would print whole applications to the server's output, and any other name is a helper that
 * does not exist. The loader refuses a violation with its file:line; the engine checks again before
 * compiling and compiles with only these helpers known.
 */

/**
 * Helpers a template may call: Handlebars' block helpers `if`, `unless`, `each`, `with`, its `lookup`,
 * and the engine's formatting helpers `date`, `money`, `eq` (engine/documents/helpers.ts).
 */
export const TEMPLATE_HELPERS: readonly string[] = ['if', 'unless', 'each', 'with', 'lookup', 'date', 'money', 'eq'];

/** Names Handlebars itself resolves as helpers: calling one not on the list is refused even without arguments. */
const HANDLEBARS_BUILT_INS = new Set(['helperMissing', 'blockHelperMissing', 'each', 'if', 'unless', 'with', 'log', 'lookup']);

export interface TemplateViolation {
  /** 1-based line and column in the template file. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

interface Node {
  readonly type?: string;
  readonly loc?: { readonly start: { readonly line: number; readonly column: number } };
}
interface CallNode extends Node {
  readonly path: Node & { readonly original?: unknown; readonly data?: boolean; readonly parts?: readonly string[] };
  readonly params: readonly unknown[];
  readonly hash?: { readonly pairs: readonly unknown[] };
  readonly escaped?: boolean;
  readonly name?: Node & { readonly original?: unknown };
}

const allowed = new Set(TEMPLATE_HELPERS);
const list = TEMPLATE_HELPERS.join(', ');

/** Every violation of the policy in a parsed template (Handlebars.parse), in source order. */
export function templateViolations(ast: unknown): TemplateViolation[] {
  const found: TemplateViolation[] = [];
  const at = (node: Node, message: string) => found.push({ line: node.loc?.start.line ?? 0, column: (node.loc?.start.column ?? 0) + 1, message });

  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as CallNode;
    switch (node.type) {
      case 'PartialStatement':
      case 'PartialBlockStatement':
        at(node, `partials ({{> ${partialName(node)}}}) are not allowed: a document template is one file, with no parts from elsewhere`);
        break;
      case 'Decorator':
      case 'DecoratorBlock':
        at(node, `decorators and inline partials ({{* ${String(node.path?.original ?? '')}}}) are not allowed in document templates`);
        break;
      case 'MustacheStatement':
        if (node.escaped === false) at(node, 'unescaped output {{{...}}} is not allowed: documents print every value HTML-escaped');
        checkCall(node, at);
        break;
      case 'BlockStatement':
      case 'SubExpression':
        checkCall(node, at);
        break;
    }
    for (const child of Object.values(node)) if (child && typeof child === 'object') visit(child);
  };
  visit(ast);
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** A mustache, block or subexpression that calls a helper must call one on the list. */
function checkCall(node: CallNode, at: (node: Node, message: string) => void): void {
  const path = node.path;
  if (path?.type !== 'PathExpression' || path.data || typeof path.original !== 'string') return;
  const name = path.original;
  const isCall = node.type === 'SubExpression' || node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0 || HANDLEBARS_BUILT_INS.has(name);
  if (isCall && !allowed.has(name)) {
    const why = name === 'log' ? ' (it would print data to the server log)' : '';
    at(path, `helper "${name}" is not allowed in document templates${why}; allowed: ${list}`);
  }
}

function partialName(node: CallNode): string {
  const name = node.name as { original?: unknown; value?: unknown } | undefined;
  return String(name?.original ?? name?.value ?? '');
}
