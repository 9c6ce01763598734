/**
 * A procedure drawn from its machine config (mermaid stateDiagram-v2, rendered in the browser), in a
 * box that can be zoomed (buttons, the mouse wheel) and panned (dragging, or the scroll of a touchpad);
 * it opens at the current step, drawn at its natural size so that long procedures stay readable. The
 * steps table beside it is the text alternative. Pan and zoom come from @panzoom/panzoom.
 */
import Panzoom, { type PanzoomObject } from '@panzoom/panzoom';
import { useEffect, useRef, useState } from 'react';
import type { ProcedureFile } from '../../../config/types/generated.ts';
import { procedureDiagram, type DiagramTitles } from '../diagram/procedureDiagram.ts';
import { renderMermaid } from '../diagram/renderMermaid.ts';
import { ClauseText } from './ClauseText.tsx';

export function ProcedureDiagram({ procedure, titles, current }: { procedure: ProcedureFile; titles: DiagramTitles; current?: string }) {
  const text = procedureDiagram(procedure, titles, current);
  const [svg, setSvg] = useState<{ text: string; svg: string } | null>(null);
  const [failed, setFailed] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const zoom = useRef<PanzoomObject | null>(null);

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

  useEffect(() => {
    if (!canvas.current || !box.current || svg?.text !== text) return;
    // Opens at the current step by Panzoom's own start position, measured before it moves anything.
    // Panning after it starts raced its start: it applies (startX, startY) on a timer of its own, which
    // could fire after a pan made on the next frame and put the drawing back at its corner.
    const start = centredPan(box.current, canvas.current);
    const panzoom = Panzoom(canvas.current, { maxScale: 3, minScale: 0.1, startScale: 1, startX: start.x, startY: start.y, cursor: 'grab' });
    zoom.current = panzoom;
    const container = box.current;
    const onWheel = (event: WheelEvent) => {
      // Ctrl + wheel (and a touchpad pinch) zooms; the plain wheel pans, as in map viewers.
      event.preventDefault();
      if (event.ctrlKey) panzoom.zoomWithWheel(event);
      else panzoom.pan(-event.deltaX / panzoom.getScale(), -event.deltaY / panzoom.getScale(), { relative: true });
    };
    container.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      container.removeEventListener('wheel', onWheel);
      panzoom.destroy();
      zoom.current = null;
    };
  }, [svg, text]);

  /** Pans so the current step (or the start of the diagram) is in the middle of the box. */
  const showCurrent = () => {
    const panzoom = zoom.current;
    if (!panzoom || !box.current || !canvas.current) return;
    const scale = panzoom.getScale();
    const node = canvas.current.querySelector('.current') as SVGGraphicsElement | null;
    if (!node) {
      panzoom.pan(0, 0);
      return;
    }
    // Move by the distance, on screen, from the step's centre to the box's centre (pan is in unscaled units).
    const boxRect = box.current.getBoundingClientRect();
    const r = node.getBoundingClientRect();
    const pan = panzoom.getPan();
    panzoom.pan(pan.x + (boxRect.left + boxRect.width / 2 - (r.left + r.width / 2)) / scale, pan.y + (boxRect.top + boxRect.height / 2 - (r.top + r.height / 2)) / scale);
  };

  if (failed) return <p className="notice notice-error">Схему не удалось построить; этапы перечислены в таблице ниже.</p>;
  if (svg?.text !== text) return <p role="status">Построение схемы…</p>;
  return (
    <figure className="diagram">
      <div className="diagram-tools no-print">
        <button type="button" className="secondary" onClick={() => zoom.current?.zoomIn()}>
          Крупнее
        </button>
        <button type="button" className="secondary" onClick={() => zoom.current?.zoomOut()}>
          Мельче
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const panzoom = zoom.current;
            const svgElement = canvas.current?.querySelector('svg');
            if (!panzoom || !svgElement || !box.current) return;
            const fit = Math.min(box.current.clientWidth / svgElement.clientWidth, box.current.clientHeight / svgElement.clientHeight, 1);
            panzoom.zoom(fit);
            requestAnimationFrame(() => panzoom.pan(0, 0));
          }}
        >
          Целиком
        </button>
        {current && (
          <button type="button" className="secondary" onClick={() => showCurrent()}>
            К текущему этапу
          </button>
        )}
      </div>
      <div className="diagram-scroll" ref={box} tabIndex={0} role="region" aria-label={`Схема: ${procedure.title}. Перетаскивайте мышью, Ctrl и колесо меняют масштаб`}>
        <div ref={canvas} dangerouslySetInnerHTML={{ __html: svg.svg }} />
      </div>
      <figcaption>
        {procedure.title}
        <ClauseText clause={procedure.clause} />
      </figcaption>
    </figure>
  );
}

/**
 * The pan (at scale 1, nothing moved yet) that puts the current step, or else the top left of the
 * drawing, in the middle of the box.
 */
function centredPan(box: HTMLElement, canvas: HTMLElement): { x: number; y: number } {
  const node = canvas.querySelector('.current');
  if (!node) return { x: 0, y: 0 };
  const boxRect = box.getBoundingClientRect();
  const r = node.getBoundingClientRect();
  return { x: boxRect.left + boxRect.width / 2 - (r.left + r.width / 2), y: boxRect.top + boxRect.height / 2 - (r.top + r.height / 2) };
}
