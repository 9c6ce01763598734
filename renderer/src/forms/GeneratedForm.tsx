/**
 * A form generated from a compiled form of the region's config (rjsf): conditional parts shown and
 * hidden by the form's rules, Russian messages, live identifier checks, and the server's 422 field
 * errors shown next to their fields. The same component renders an application form, an officer's task
 * form and, read-only, submitted data.
 */
import Form, { type IChangeEvent } from '@rjsf/core';
import type { Experimental_DefaultFormStateBehavior, RJSFSchema, RJSFValidationError } from '@rjsf/utils';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FieldError } from '../../../engine/api.ts';
import { ATTACHMENT } from '../../../engine/forms/attachments.ts';
import type { RuleData } from '../../../engine/rules/RuleData.ts';
import { isApiError } from '../api/ApiError.ts';
import type { CompiledForm } from '../api/types.ts';
import { atLeastOneCheck } from './atLeastOneCheck.ts';
import { presentParts, settle, visibleSchema, withoutAbsentInternal } from './conditions.ts';
import type { FormContext } from './formContext.ts';
import { formTemplates, formWidgets } from './formParts.ts';
import { formValidator } from './formValidator.ts';
import { russianErrors } from './russianErrors.ts';
import { russianStrings } from './russianStrings.ts';
import { stillStanding, toErrorSchema, type ServerErrors } from './serverErrors.ts';

type Json = Record<string, unknown>;

export interface GeneratedFormProps {
  readonly form: CompiledForm;
  /** Prefix of the field ids, unique on the page. */
  readonly idPrefix: string;
  readonly initialData?: Json;
  /** What the form's rules read (default: the data as `submission`). */
  readonly ruleData?: (data: Json) => RuleData;
  /** Called with the data (hidden parts dropped) after every change. */
  readonly onDataChange?: (data: Json) => void;
  /** Sends the data; an ApiError with field errors puts them next to the fields, any other error above the button. */
  readonly onSubmit?: (data: Json) => Promise<void>;
  readonly submitLabel?: string;
  /**
   * `fill` (default): editable, conditions live. `view`: the data read-only, a conditional part shown when
   * the data has it. `preview`: every part shown, disabled, with the condition of each conditional part.
   */
  readonly mode?: 'fill' | 'view' | 'preview';
  readonly showClauses?: boolean;
  /** Rule id -> its title, for the condition notes of the preview. */
  readonly ruleTitles?: Readonly<Record<string, string>>;
  /** Shown just before the submit button (e.g. the fee and the expected decision date). */
  readonly beforeSubmit?: ReactNode;
  /** The region the form belongs to (a field naming another application offers that region's). */
  readonly region?: string;
  /** The upload address of a file field by its dotted data path; without it files cannot be attached. */
  readonly uploadUrl?: (fieldPath: string) => string | null;
  /** The session token (uploads, downloads of attached files). */
  readonly token?: string | null;
  /** A data path to move the focus to when the form opens (e.g. a field the applicant chose to change). */
  readonly focusPath?: string | null;
  /** Field errors the server gave for `initialData` (a filing refused on another page), shown next to their fields. */
  readonly initialServerErrors?: readonly FieldError[];
}

const asSubmission = (data: Json): RuleData => ({ submission: data });

/** An enum starts unchosen and a must-tick box unticked (not preset from their consts); a file list starts empty. */
const DEFAULTS: Experimental_DefaultFormStateBehavior = {
  constAsDefaults: 'never',
  arrayMinItems: { populate: 'all', computeSkipPopulate: (_validator, schema) => typeof schema === 'object' && ATTACHMENT in schema },
};

/** Each input's `name` is its dotted data path ("staff.employees.0.documents"): the file widget uploads for it. */
const dottedName = (path: (string | number)[]) => path.map(String).join('.');

function initialState(form: CompiledForm, data: Json, mode: GeneratedFormProps['mode'], ruleData: (data: Json) => RuleData) {
  if (mode === 'view') return { data, visibility: presentParts(form, data) };
  if (mode === 'preview') return { data, visibility: Object.fromEntries(Object.keys(form.conditions).map((path) => [path, true])) };
  return settle(form, data, ruleData);
}

/** Condition path -> the title of the rule that shows it. */
const conditionNotes = (form: CompiledForm, ruleTitles: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(form.conditions).map(([path, ruleId]) => [path, ruleTitles[ruleId] ?? ruleId]));

export function GeneratedForm(props: GeneratedFormProps) {
  const { form, idPrefix, ruleData = asSubmission, onDataChange, onSubmit, submitLabel = 'Отправить', mode = 'fill', showClauses = false, ruleTitles, beforeSubmit, uploadUrl, token = null, focusPath, region } = props;
  const [state, setState] = useState(() => initialState(form, props.initialData ?? {}, mode, ruleData));
  const [attempts, setAttempts] = useState(0);
  const attempted = attempts > 0;
  const [server, setServer] = useState<ServerErrors | null>(() =>
    props.initialServerErrors && props.initialServerErrors.length > 0 ? { errors: props.initialServerErrors, data: props.initialData ?? {} } : null,
  );
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dataRef = useRef(state.data);
  const summaryFocus = useRef({ done: 0 }).current;

  const visibilityKey = JSON.stringify(state.visibility);
  const schema = useMemo(() => {
    const shown = visibleSchema(form.schema, state.visibility);
    return mode === 'view' ? withoutAbsentInternal(shown, state.data) : shown;
  }, [form.schema, visibilityKey, mode]);
  const uiSchema = useMemo(() => ({ ...form.uiSchema, 'ui:globalOptions': { orderable: false } }), [form.uiSchema]);
  const customValidate = useMemo(() => atLeastOneCheck(form.schema), [form.schema]);
  const formContext = useMemo<FormContext>(
    () => ({
      showClauses,
      conditionNotes: mode === 'preview' ? conditionNotes(form, ruleTitles ?? {}) : {},
      token,
      submitAttempts: attempts,
      summaryFocus,
      ...(uploadUrl && { upload: { url: uploadUrl } }),
      ...(region !== undefined && { region }),
    }),
    [showClauses, mode, form, ruleTitles, token, attempts, uploadUrl, summaryFocus, region],
  );
  useEffect(() => {
    if (!focusPath) return;
    const id = [idPrefix, ...focusPath.split('.')].join('_');
    // The field's own input, or (a group, a list, a set of check-boxes) the first control inside it.
    const target = document.getElementById(id) ?? document.querySelector<HTMLElement>(`[id^="${id}_"]:is(input, select, textarea, button)`);
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }, [focusPath, idPrefix]);
  const extraErrors = useMemo(() => (server ? toErrorSchema(stillStanding(server, state.data)) : undefined), [server, state.data]);

  const change = (e: IChangeEvent<Json>) => {
    // Only a form being filled changes: rjsf also reports its defaults on mount, which must not re-hide parts.
    if (mode !== 'fill') return;
    const next = settle(form, e.formData ?? {}, ruleData);
    dataRef.current = next.data;
    setState(next);
    onDataChange?.(next.data);
  };

  const submit = async (e: IChangeEvent<Json>) => {
    if (!onSubmit) return;
    const { data } = settle(form, e.formData ?? {}, ruleData);
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit(data);
      setServer(null);
    } catch (error) {
      if (isApiError(error) && error.fieldErrors.length > 0) setServer({ errors: error.fieldErrors, data });
      setFailure(isApiError(error) ? error.message : 'Не удалось отправить форму. Повторите попытку.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Json>
      className={`generated-form generated-form-${mode}`}
      schema={schema as RJSFSchema}
      uiSchema={uiSchema}
      formData={state.data}
      validator={formValidator}
      templates={formTemplates}
      widgets={formWidgets}
      formContext={formContext}
      idPrefix={idPrefix}
      readonly={mode === 'view'}
      disabled={mode === 'preview'}
      noHtml5Validate
      // An enum starts unchosen and a must-tick box unticked: rjsf would otherwise preset both from their consts.
      // A file field must not start with blank references (a list of records may start with one blank record).
      experimental_defaultFormStateBehavior={DEFAULTS}
      liveValidate={attempted ? 'onChange' : false}
      // GOV.UK's pattern: the summary of errors at the top takes the focus (ErrorListTemplate), and
      // each of its entries moves the focus to its field.
      showErrorList="top"
      nameGenerator={dottedName}
      extraErrors={extraErrors}
      customValidate={customValidate}
      transformErrors={(errors: RJSFValidationError[]) => russianErrors(errors, schema, dataRef.current)}
      translateString={russianStrings}
      onChange={change}
      onError={() => setAttempts((n) => n + 1)}
      onSubmit={(e) => {
        setAttempts((n) => n + 1);
        void submit(e);
      }}
    >
      {mode !== 'fill' ? (
        <></>
      ) : (
        <div className="form-actions">
          {beforeSubmit}
          {failure && (
            <p className="form-failure" role="alert">
              {failure}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {busy ? 'Отправка…' : submitLabel}
          </button>
        </div>
      )}
    </Form>
  );
}
