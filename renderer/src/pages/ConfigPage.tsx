/** The coordinator's read-only view of the region's configuration, one part at a time (the part is in the address). */
import { getRegionConfig } from '../api/endpoints.ts';
import { Loaded } from '../components/Loaded.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { CONFIG_TABS, ConfigTabs, type ConfigTab } from '../config/ConfigTabs.tsx';
import { DeadlinesConfig } from '../config/DeadlinesConfig.tsx';
import { FeesConfig } from '../config/FeesConfig.tsx';
import { FormsConfig } from '../config/FormsConfig.tsx';
import { OtherConfig } from '../config/OtherConfig.tsx';
import { ProceduresConfig } from '../config/ProceduresConfig.tsx';
import { RulesConfig } from '../config/RulesConfig.tsx';
import { ServicesConfig } from '../config/ServicesConfig.tsx';
import { formatDate } from '../format/dates.ts';
import { paths } from '../routing/paths.ts';
import { useResource } from '../session/useResource.ts';

export function ConfigPage({ region, query }: { region: string; query: URLSearchParams }) {
  const config = useResource(() => getRegionConfig(region), region);
  const service = query.get('service') ?? '';
  const step = query.get('step') ?? undefined;
  const requested = query.get('tab') ?? (service ? 'procedures' : 'services');
  const tab: ConfigTab = CONFIG_TABS.some(([id]) => id === requested) ? (requested as ConfigTab) : 'services';
  const href = (t: ConfigTab, extra: Record<string, string> = {}) => `${paths.config(region)}?${new URLSearchParams({ tab: t, ...extra }).toString()}`;

  return (
    <Loaded resource={config} what="Загрузка конфигурации">
      {(c) => (
        <>
          <PageTitle text={`Регламент: ${c.title}`}>Регламент: {c.title}</PageTitle>
          <p className="lead">{c.regulation.title}</p>
          <p className="muted">
            {c.regulation.act.act}
            {c.regulation.act.date && ` (${formatDate(c.regulation.act.date)})`}
            <br />
            Версия конфигурации: <code>{c.version.slice(0, 12)}</code>
          </p>
          <ConfigTabs current={tab} hrefOf={(t) => href(t)} />
          {tab === 'services' && <ServicesConfig config={c} link={(t, id) => (t === 'forms' ? href('forms', { form: id }) : href('procedures', { service: id }))} />}
          {tab === 'procedures' && <ProceduresConfig config={c} service={service} step={step} hrefOf={(s) => href('procedures', { service: s })} />}
          {tab === 'forms' && <FormsConfig config={c} formId={query.get('form') ?? ''} hrefOf={(f) => href('forms', { form: f })} />}
          {tab === 'fees' && <FeesConfig config={c} />}
          {tab === 'deadlines' && <DeadlinesConfig config={c} />}
          {tab === 'rules' && <RulesConfig config={c} />}
          {tab === 'other' && <OtherConfig config={c} />}
        </>
      )}
    </Loaded>
  );
}
