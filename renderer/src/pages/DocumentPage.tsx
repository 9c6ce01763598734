/**
 * A document of an application (notice, order), fetched with the session token and shown in a frame
 * that runs no scripts (sandboxed: same origin only so the page can size it and print it), with a
 * button that prints it.
 */
import { useRef } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { getDocumentHtml } from '../api/endpoints.ts';
import { Loaded } from '../components/Loaded.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { useResource } from '../session/useResource.ts';

/** The <title> of the document's HTML, for the page heading. */
const titleOf = (html: string) => new DOMParser().parseFromString(html, 'text/html').title || 'Документ';

export function DocumentPage({ id }: { id: string }) {
  const { token } = useSession();
  const html = useResource(() => (token ? getDocumentHtml(id, token) : Promise.reject(new ApiError(401, ''))), `${id}@${token ?? ''}`);
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <Loaded resource={html} what="Загрузка документа">
      {(text) => (
        <>
          <PageTitle text={titleOf(text)}>{titleOf(text)}</PageTitle>
          <p className="no-print">
            <button type="button" className="primary" onClick={() => frame.current?.contentWindow?.print()}>
              Печать
            </button>{' '}
            <button type="button" className="secondary" onClick={() => history.back()}>
              Назад
            </button>
          </p>
          <iframe
            ref={frame}
            className="document-frame"
            title={titleOf(text)}
            srcDoc={text}
            sandbox="allow-same-origin allow-modals"
            // As tall as the document, so the page scrolls once rather than the frame inside it.
            onLoad={(e) => {
              const body = e.currentTarget.contentDocument?.documentElement;
              if (body) e.currentTarget.style.height = `${body.scrollHeight + 16}px`;
            }}
          />
        </>
      )}
    </Loaded>
  );
}
