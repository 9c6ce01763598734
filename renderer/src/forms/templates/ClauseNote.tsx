import { clauseText } from '../../format/clause.ts';

/** The clause of the regulation a section or field comes from ("x-clause" in the compiled schema), when the page asks for it. */
export function ClauseNote({ schema, show }: { schema: Record<string, unknown>; show: boolean }) {
  const clause = schema['x-clause'];
  if (!show || typeof clause !== 'string') return null;
  return <span className="clause">Регламент: {clauseText(clause)}</span>;
}
