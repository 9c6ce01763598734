/**
 * A procedure drawn from its machine config (mermaid stateDiagram-v2, rendered in the browser), in a
 * box that scrolls on narrow screens; the steps table beside it is the text alternative.
 */
import { useEffect, useState } from 'react';
import type { ProcedureFile } from '../../../config/types/generated.ts';
import { procedureDiagram, type DiagramTitles } from '../diagram/procedureDiagram.ts';
import { renderMermaid } from '../diagram/renderMermaid.ts';
import { ClauseText } from './ClauseText.tsx';

export function ProcedureDiagram({ procedure, titles, current }: { procedure: ProcedureFile; titles: DiagramTitles; current?: string }) {
  const text = procedureDiagram(procedure, titles, current);
  const [svg, setSvg] = useState<{ text: string; svg: string } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setFailed(false);
    renderMermaid(text).then(
      (out) => live && setSvg({ text, svg: out }),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [text]);

  if (failed) return <p className="notice notice-error">Схему не удалось построить; этапы перечислены в таблице ниже.</p>;
  if (svg?.text !== text) return <p role="status">Построение схемы…</p>;
  return (
    <figure className="diagram">
      <div className="diagram-scroll" tabIndex={0} role="region" aria-label={`Схема: ${procedure.title}`} dangerouslySetInnerHTML={{ __html: svg.svg }} />
      <figcaption>
        {procedure.title}
        <ClauseText clause={procedure.clause} />
      </figcaption>
    </figure>
  );
}
