/**
 * Filing an application: the service's generated form with the fee and expected decision date before
 * the button; on success the application's page. Applicants must be signed in to send.
 */
import { useState } from 'react';
import { getRegion, getServiceForm, submitApplication } from '../api/endpoints.ts';
import { Loaded } from '../components/Loaded.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { QuoteSummary } from '../components/QuoteSummary.tsx';
import { useQuote } from '../components/useQuote.ts';
import { GeneratedForm } from '../forms/GeneratedForm.tsx';
import { Link } from '../routing/Link.tsx';
import { navigate } from '../routing/useHashLocation.ts';
import { paths } from '../routing/paths.ts';
import { parkDraft, takeDraft } from '../session/drafts.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useResource } from '../session/useResource.ts';

export function ApplyPage({ region, service }: { region: string; service: string }) {
  const { user, token } = useSession();
  const form = useResource(() => Promise.all([getServiceForm(region, service), getRegion(region)]), `${region}/${service}`);
  const address = paths.apply(region, service);
  const [initial] = useState(() => takeDraft(address));
  const [data, setData] = useState<Record<string, unknown>>(initial ?? {});
  const toLogin = () => {
    parkDraft(address, data);
    navigate(paths.login(address));
  };
  const quote = useQuote(region, service, data);

  return (
    <Loaded resource={form} what="Загрузка формы заявления">
      {([compiled, detail]) => {
        const serviceTitle = detail.services.find((s) => s.id === service)?.title ?? compiled.title;
        return (
          <>
            <p className="breadcrumbs">
              <Link to={paths.region(region)}>{detail.title}</Link> / {serviceTitle}
            </p>
            <PageTitle text={serviceTitle}>{compiled.title}</PageTitle>
            {!user && (
              <p className="notice">
                Заполнить форму можно сразу, а отправить — после входа.{' '}
                <button type="button" className="link" onClick={toLogin}>
                  Войти
                </button>
              </p>
            )}
            <p className="muted">Поля, отмеченные *, обязательны. Разделы, которые зависят от ваших ответов, появляются по мере заполнения.</p>
            <GeneratedForm
              form={compiled}
              region={region}
              idPrefix="application"
              initialData={initial}
              onDataChange={setData}
              submitLabel="Подать заявление"
              beforeSubmit={<QuoteSummary quote={quote} />}
              onSubmit={async (submission) => {
                if (!user || !token) {
                  toLogin();
                  return;
                }
                const view = await submitApplication(region, service, submission, token);
                navigate(paths.application(view.application.id));
              }}
            />
          </>
        );
      }}
    </Loaded>
  );
}
