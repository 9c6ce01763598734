/**
 * The page's <h1>. After an in-app move it takes the focus, so a screen reader starts reading the new
 * page (a hash change does not reload it); on the first page the focus stays at the top, where the
 * skip link is. It also names the browser tab.
 */
import { useEffect, useRef, type ReactNode } from 'react';

let moved = false;
window.addEventListener('hashchange', () => {
  moved = true;
});

/** `focus`: take the focus even on the first page (a page that changed its step without changing its address). */
export function PageTitle({ children, text, focus = false }: { children: ReactNode; text: string; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${text} — Госуслуги по регламенту`;
    if (moved || focus) ref.current?.focus();
  }, [text]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
