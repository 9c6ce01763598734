import type { AnchorHTMLAttributes } from 'react';

/** A link to an in-app address ("/r/<region>"): a real <a href="#/..."> so it works with keyboard, middle click and history. */
export function Link({ to, ...rest }: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  return <a href={`#${to}`} {...rest} />;
}
