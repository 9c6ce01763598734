/**
 * Every form of the region, chosen from a list and rendered live from its compiled schema: every part
 * shown (each conditional one with its condition), inputs disabled, the clause of each item.
 */
import { getForm } from '../api/endpoints.ts';
import type { RegionConfigView } from '../api/types.ts';
import { Loaded } from '../components/Loaded.tsx';
import { GeneratedForm } from '../forms/GeneratedForm.tsx';
import { Link } from '../routing/Link.tsx';
import { useResource } from '../session/useResource.ts';
import { ClauseText } from '../components/ClauseText.tsx';

export function FormsConfig({ config, formId, hrefOf }: { config: RegionConfigView; formId: string; hrefOf: (form: string) => string }) {
  const chosen = config.forms.find((f) => f.id === formId) ?? config.forms[0];
  const form = useResource(() => getForm(config.id, chosen.id), `${config.id}/${chosen.id}`);
  const ruleTitles = Object.fromEntries(config.rules.map((r) => [r.id, r.title ?? r.id]));
  return (
    <div className="with-sidebar">
      <nav aria-label="Формы" className="chooser chooser-vertical">
        <ul>
          {config.forms.map((f) => (
            <li key={f.id}>
              <Link to={hrefOf(f.id)} aria-current={f.id === chosen.id ? 'page' : undefined}>
                {f.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="form-title">
        <h2 id="form-title">
          {chosen.title}
          <ClauseText clause={chosen.clause} />
        </h2>
        <Loaded resource={form} what="Загрузка формы">
          {(compiled) => <GeneratedForm key={compiled.id} form={compiled} idPrefix={`preview-${compiled.id}`} mode="preview" showClauses ruleTitles={ruleTitles} />}
        </Loaded>
      </section>
    </div>
  );
}
