/**
 * The application shell: header, the page the address names, footer. The pages with generated forms
 * (and the form library with its validator) load on first use, so the catalogue, inbox and registry
 * open without them.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from './components/Loading.tsx';
import { SiteHeader } from './components/SiteHeader.tsx';
import { SkipLink } from './components/SkipLink.tsx';
import { DocumentPage } from './pages/DocumentPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { InboxPage } from './pages/InboxPage.tsx';
import { LicencePage } from './pages/LicencePage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { MyApplicationsPage } from './pages/MyApplicationsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { NotificationsPage } from './pages/NotificationsPage.tsx';
import { RegionPage } from './pages/RegionPage.tsx';
import { RegistryPage } from './pages/RegistryPage.tsx';
import { matchPath } from './routing/matchPath.ts';
import { useHashLocation } from './routing/useHashLocation.ts';

const ApplyPage = lazy(() => import('./pages/ApplyPage.tsx').then((m) => ({ default: m.ApplyPage })));
const ApplicationPage = lazy(() => import('./pages/ApplicationPage.tsx').then((m) => ({ default: m.ApplicationPage })));
const ReportsPage = lazy(() => import('./pages/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const ConfigPage = lazy(() => import('./pages/ConfigPage.tsx').then((m) => ({ default: m.ConfigPage })));

type Params = Record<string, string>;

/** Address pattern -> page; the first match wins. */
const ROUTES: readonly [string, (p: Params, q: URLSearchParams) => ReactNode][] = [
  ['/', () => <HomePage />],
  ['/login', (_, q) => <LoginPage back={q.get('back')} />],
  ['/applications', () => <MyApplicationsPage />],
  ['/notifications', () => <NotificationsPage />],
  ['/applications/:id', (p) => <ApplicationPage key={p.id} id={p.id} />],
  ['/documents/:id', (p) => <DocumentPage key={p.id} id={p.id} />],
  ['/r/:region', (p) => <RegionPage key={p.region} region={p.region} />],
  ['/r/:region/apply/:service', (p, q) => <ApplyPage key={`${p.region}/${p.service}`} region={p.region} service={p.service} query={q} />],
  ['/r/:region/inbox', (p, q) => <InboxPage key={p.region} region={p.region} query={q} />],
  ['/r/:region/config', (p, q) => <ConfigPage key={p.region} region={p.region} query={q} />],
  ['/r/:region/reports', (p) => <ReportsPage key={p.region} region={p.region} />],
  ['/r/:region/registry', (p, q) => <RegistryPage key={p.region} region={p.region} query={q} />],
  ['/r/:region/registry/:number', (p) => <LicencePage key={`${p.region}/${p.number}`} region={p.region} number={p.number} />],
];

function pageFor(path: string, query: URLSearchParams): ReactNode {
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) return render(params, query);
  }
  return <NotFoundPage />;
}

export function App() {
  const { path, query } = useHashLocation();
  return (
    <>
      <SkipLink />
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>{pageFor(path, query)}</Suspense>
      </main>
      <footer className="site-footer">
        <p>Формы, сроки, пошлины и процедуры берутся из конфигурации региона — из текста административного регламента.</p>
      </footer>
    </>
  );
}
