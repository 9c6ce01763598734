/** One licence of the public registry: status, dates, public attributes by their registry titles, and the extract. */
import { Fragment } from 'react';
import { getLicence, getRegionConfig, getServiceForm, licenceExtractUrl } from '../api/endpoints.ts';
import { Loaded } from '../components/Loaded.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatDate } from '../format/dates.ts';
import { attributeText, optionTitlesFor } from '../registry/attributeText.ts';
import { LicenceStatus } from '../registry/LicenceStatus.tsx';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/paths.ts';
import { useResource } from '../session/useResource.ts';

export function LicencePage({ region, number }: { region: string; number: string }) {
  const data = useResource(async () => {
    const [licence, config] = await Promise.all([getLicence(region, number), getRegionConfig(region)]);
    const forms = await Promise.all(config.services.map((s) => getServiceForm(region, s.id)));
    return { licence, config, forms };
  }, `${region}/${number}`);

  return (
    <Loaded resource={data} what="Загрузка сведений о лицензии">
      {({ licence, config, forms }) => (
        <>
          <p className="breadcrumbs">
            <Link to={paths.registry(region)}>{config.registry?.title ?? 'Реестр'}</Link> / {licence.number}
          </p>
          <PageTitle text={`Лицензия ${licence.number}`}>Лицензия {licence.number}</PageTitle>
          <dl className="facts">
            <dt>Статус</dt>
            <dd>
              <LicenceStatus licence={licence} />
            </dd>
            <dt>Дата предоставления</dt>
            <dd>{formatDate(licence.issuedOn)}</dd>
            {(config.registry?.attributes ?? [])
              .filter((a) => Object.hasOwn(licence.attributes, a.id))
              .map((a) => (
                <Fragment key={a.id}>
                  <dt>{a.title}</dt>
                  <dd>{attributeText(licence.attributes[a.id], optionTitlesFor(a.from, forms))}</dd>
                </Fragment>
              ))}
          </dl>
          <p>
            <a className="button secondary" href={licenceExtractUrl(region, licence.number)} target="_blank" rel="noopener">
              Выписка из реестра (откроется в новой вкладке)
            </a>
          </p>
        </>
      )}
    </Loaded>
  );
}
