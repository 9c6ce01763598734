/** The public licence registry of a region: search, and the licences found with their searchable attributes. */
import { getRegionConfig, searchRegistry } from '../api/endpoints.ts';
import { Loaded } from '../components/Loaded.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Pager } from '../components/Pager.tsx';
import { LicenceTable } from '../registry/LicenceTable.tsx';
import { RegistrySearchForm, type RegistryQuery } from '../registry/RegistrySearchForm.tsx';
import { navigate } from '../routing/useHashLocation.ts';
import { paths } from '../routing/paths.ts';
import { useResource } from '../session/useResource.ts';

const LIMIT = 20;

export function RegistryPage({ region, query }: { region: string; query: URLSearchParams }) {
  const config = useResource(() => getRegionConfig(region), region);
  const offset = Number(query.get('offset') ?? 0) || 0;
  const params = Object.fromEntries([...query.entries()].filter(([k, v]) => v !== '' && k !== 'offset'));
  const results = useResource(() => searchRegistry(region, { ...params, limit: String(LIMIT), offset: String(offset) }), `${region}?${query.toString()}`);

  return (
    <Loaded resource={config} what="Загрузка реестра">
      {(c) => {
        const registry = c.registry;
        if (!registry) return <p className="notice">В этом регионе нет реестра.</p>;
        const searchable = registry.attributes.filter((a) => a.searchable);
        const attribute = searchable.find((a) => query.has(a.id))?.id ?? searchable[0]?.id ?? '';
        const initial: RegistryQuery = { q: query.get('q') ?? '', number: query.get('number') ?? '', status: query.get('status') ?? '', attribute, value: query.get(attribute) ?? '' };
        const search = (q: RegistryQuery, nextOffset = 0) => {
          const next = new URLSearchParams();
          if (q.q.trim()) next.set('q', q.q.trim());
          if (q.number.trim()) next.set('number', q.number.trim());
          if (q.status) next.set('status', q.status);
          if (q.attribute && q.value.trim()) next.set(q.attribute, q.value.trim());
          if (nextOffset) next.set('offset', String(nextOffset));
          navigate(`${paths.registry(region)}?${next.toString()}`);
        };
        return (
          <>
            <PageTitle text={registry.title}>{registry.title}</PageTitle>
            <p className="lead">{c.authority.title}</p>
            <RegistrySearchForm searchable={searchable} initial={initial} onSearch={search} />
            <Loaded resource={results} what="Поиск">
              {(page) => (
                <>
                  <p role="status">Найдено лицензий: {page.total}</p>
                  {page.items.length > 0 && <LicenceTable region={region} licences={page.items} columns={searchable} />}
                  <Pager offset={offset} limit={LIMIT} total={page.total} onMove={(o) => search(initial, o)} />
                </>
              )}
            </Loaded>
          </>
        );
      }}
    </Loaded>
  );
}
