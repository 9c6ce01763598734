/**
 * Filing an application, in two steps. First the service's generated form, saved on the server as a
 * draft while a signed-in applicant fills it in (the draft's id goes into the address, so a reload
 * resumes it). Then «Проверьте ответы»: every answer by section with a link back to change it, the fee
 * and the expected dates labelled as a forecast, and the button that files it. Someone not signed in
 * fills in the form and is asked to sign in before sending (the form is parked in the tab meanwhile).
 */
import { useCallback, useState } from 'react';
import { isApiError } from '../api/ApiError.ts';
import { applicationUploadUrl, getDraft, getRegion, getServiceForm, submitApplication } from '../api/endpoints.ts';
import type { CompiledForm, Draft, RegionDetail } from '../api/types.ts';
import type { FieldError } from '../../../engine/api.ts';
import { Loaded } from '../components/Loaded.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { QuoteSummary } from '../components/QuoteSummary.tsx';
import { useQuote } from '../components/useQuote.ts';
import { RegionTime, useInstant } from '../format/RegionTime.tsx';
import { AnswerList } from '../forms/AnswerList.tsx';
import { GeneratedForm } from '../forms/GeneratedForm.tsx';
import { Link } from '../routing/Link.tsx';
import { navigate } from '../routing/useHashLocation.ts';
import { paths } from '../routing/paths.ts';
import { parkDraft, takeDraft } from '../session/drafts.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useDraftAutosave, type DraftStatus } from '../session/useDraftAutosave.ts';
import { useResource } from '../session/useResource.ts';

export function ApplyPage({ region, service, query }: { region: string; service: string; query: URLSearchParams }) {
  const { token } = useSession();
  const draftId = query.get('draft');
  const loaded = useResource(
    () => Promise.all([getServiceForm(region, service), getRegion(region), draftId && token ? getDraft(draftId, token) : Promise.resolve(null)]),
    `${region}/${service}/${draftId ?? ''}`,
  );
  return (
    <RegionTime region={region}>
      <Loaded resource={loaded} what="Загрузка формы заявления">
        {([compiled, detail, draft]) => <Filing region={region} service={service} compiled={compiled} detail={detail} draft={draft} startAtCheck={query.get('step') === 'check'} />}
      </Loaded>
    </RegionTime>
  );
}

interface FilingProps {
  readonly region: string;
  readonly service: string;
  readonly compiled: CompiledForm;
  readonly detail: RegionDetail;
  readonly draft: Draft | null;
  readonly startAtCheck: boolean;
}

function Filing({ region, service, compiled, detail, draft, startAtCheck }: FilingProps) {
  const { user, token } = useSession();
  const address = paths.apply(region, service);
  const [initial] = useState<Record<string, unknown>>(() => draft?.data ?? takeDraft(address) ?? {});
  const [data, setData] = useState<Record<string, unknown>>(initial);
  const [step, setStep] = useState<'form' | 'check'>(draft && startAtCheck ? 'check' : 'form');
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const [stepChanged, setStepChanged] = useState(false);
  // Set by the applicant's first input (a draft opened again counts as edited).
  const [edited, setEdited] = useState(draft !== null);
  const [refused, setRefused] = useState<readonly FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const quote = useQuote(region, service, data);
  const uploadUrl = useCallback((field: string) => (token ? applicationUploadUrl(region, service)(field) : null), [region, service, token]);

  const [draftIdInAddress, setDraftIdInAddress] = useState(draft?.id ?? null);
  // The address names the draft and the step, so a reload comes back to the same place; replaceState
  // changes it without a navigation (this page stays as it is).
  const showInAddress = (next: { draft?: string | null; step?: 'form' | 'check' }) => {
    const q = new URLSearchParams();
    const id = next.draft !== undefined ? next.draft : draftIdInAddress;
    if (id) q.set('draft', id);
    if ((next.step ?? step) === 'check') q.set('step', 'check');
    const text = q.toString();
    history.replaceState(history.state, '', `#${address}${text ? `?${text}` : ''}`);
  };
  const autosave = useDraftAutosave({
    region,
    service,
    token,
    initial: draft && { id: draft.id, version: draft.version },
    data,
    initialData: initial,
    edited,
    onCreated: (id) => {
      setDraftIdInAddress(id);
      showInAddress({ draft: id });
    },
  });

  const serviceTitle = detail.services.find((s) => s.id === service)?.title ?? compiled.title;
  const toLogin = () => {
    parkDraft(address, data);
    navigate(paths.login(address));
  };
  const goTo = (next: 'form' | 'check', path: string | null = null) => {
    setStep(next);
    setStepChanged(true);
    setFocusPath(path);
    showInAddress({ step: next });
    if (next === 'check' || path === null) window.scrollTo(0, 0);
  };
  const file = async () => {
    if (!user || !token) return toLogin();
    setBusy(true);
    setFailure(null);
    try {
      const draftId = await autosave.flush();
      const view = await submitApplication(region, service, data, token, draftId ?? undefined);
      navigate(paths.application(view.application.id));
    } catch (error) {
      if (isApiError(error) && error.fieldErrors.length > 0) {
        // Back to the form, the refused answers marked next to their fields.
        setRefused(error.fieldErrors);
        goTo('form');
      } else setFailure(isApiError(error) ? error.message : 'Не удалось подать заявление. Повторите попытку.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="breadcrumbs">
        <Link to={paths.region(region)}>{detail.title}</Link> / {serviceTitle}
      </p>
      <PageTitle text={step === 'check' ? `Проверьте ответы: ${serviceTitle}` : serviceTitle} key={step} focus={stepChanged}>
        {step === 'check' ? 'Проверьте ответы перед подачей заявления' : compiled.title}
      </PageTitle>
      {!user && (
        <p className="notice">
          Заполнить форму можно сразу, а отправить — после входа.{' '}
          <button type="button" className="link" onClick={toLogin}>
            Войти
          </button>
        </p>
      )}
      {user && <DraftNote status={autosave.status} />}
      {step === 'form' ? (
        <>
          <p className="muted">
            Поля, отмеченные *, обязательны. Разделы, которые зависят от ваших ответов, появляются по мере заполнения. {user && 'Ответы сохраняются как черновик, к ним можно вернуться позже.'}
          </p>
          <div onInput={() => setEdited(true)} onChange={() => setEdited(true)}>
            <GeneratedForm
              form={compiled}
              region={region}
              idPrefix="application"
              initialData={data}
              initialServerErrors={refused}
              onDataChange={setData}
              submitLabel="Продолжить"
              focusPath={focusPath}
              uploadUrl={uploadUrl}
              token={token}
              beforeSubmit={<QuoteSummary quote={quote} />}
              onSubmit={async (checked) => {
                setData(checked);
                goTo('check');
              }}
            />
          </div>
        </>
      ) : (
        <>
          <p className="lead">Заявление ещё не подано. Проверьте сведения; чтобы исправить ответ, нажмите «Изменить» рядом с ним.</p>
          <AnswerList form={compiled} data={data} token={token} onChange={(path) => goTo('form', path)} />
          <QuoteSummary quote={quote} />
          <div className="form-actions">
            {failure && (
              <p className="form-failure" role="alert">
                {failure}
              </p>
            )}
            <button type="button" className="primary" disabled={busy} aria-busy={busy} onClick={() => void file()}>
              {busy ? 'Отправка…' : 'Подать заявление'}
            </button>{' '}
            <button type="button" className="secondary" onClick={() => goTo('form')}>
              Вернуться к заполнению
            </button>
          </div>
        </>
      )}
    </>
  );
}

function DraftNote({ status }: { status: DraftStatus }) {
  const instant = useInstant();
  const text =
    status.kind === 'saving'
      ? 'Сохраняем черновик…'
      : status.kind === 'saved'
        ? `Черновик сохранён ${instant(status.at)}`
        : status.kind === 'failed'
          ? 'Черновик сохранить не удалось; ответы пока есть только на этой странице.'
          : status.kind === 'conflict'
            ? 'Этот черновик изменён в другом окне. Обновите страницу, чтобы продолжить с сохранённых ответов.'
            : null;
  return (
    <p className={`draft-note${status.kind === 'conflict' || status.kind === 'failed' ? ' notice' : ' muted'}`} role="status">
      {text}
    </p>
  );
}
