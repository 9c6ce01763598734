/**
 * Renders mermaid text to SVG in the browser. mermaid is loaded only when a diagram is first shown (it
 * is large) and runs with securityLevel "strict": labels cannot carry markup or scripts.
 */
import type { Mermaid } from 'mermaid';

let loaded: Promise<Mermaid> | undefined;
let counter = 0;

function mermaidLib(): Promise<Mermaid> {
  loaded ??= import('mermaid').then(({ default: mermaid }) => {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral', fontFamily: 'inherit', state: { useMaxWidth: false } });
    return mermaid;
  });
  return loaded;
}

export async function renderMermaid(text: string): Promise<string> {
  const mermaid = await mermaidLib();
  const { svg } = await mermaid.render(`diagram-${++counter}`, text);
  return svg;
}
