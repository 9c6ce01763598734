/**
 * The page's <h1>. It takes the focus when the page opens, so a screen reader starts reading the new
 * page (a hash change does not reload it), and it names the browser tab.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function PageTitle({ children, text }: { children: ReactNode; text: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${text} — Госуслуги по регламенту`;
    ref.current?.focus({ preventScroll: false });
  }, [text]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
