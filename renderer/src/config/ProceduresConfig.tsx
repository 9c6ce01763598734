/**
 * The procedure of each service, drawn from its machine config, with the steps table; opened from an
 * application, the service and its current step come in the address and the step is highlighted.
 */
import type { RegionConfigView } from '../api/types.ts';
import { ProcedureDiagram } from '../components/ProcedureDiagram.tsx';
import { Link } from '../routing/Link.tsx';
import { ClauseText } from '../components/ClauseText.tsx';
import { ProcedureSteps } from './ProcedureSteps.tsx';
import { ruleTitleOf } from './ruleTitle.ts';

export function ProceduresConfig({ config, service, step, hrefOf }: { config: RegionConfigView; service: string; step?: string; hrefOf: (service: string) => string }) {
  const chosen = config.services.find((s) => s.id === service) ?? config.services[0];
  const procedure = chosen && config.procedures.find((p) => p.id === chosen.procedure);
  const current = chosen?.id === service ? step : undefined;
  return (
    <>
      <nav aria-label="Услуги" className="chooser">
        <ul>
          {config.services.map((s) => (
            <li key={s.id}>
              <Link to={hrefOf(s.id)} aria-current={s.id === chosen?.id ? 'page' : undefined}>
                {s.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {procedure && (
        <section aria-labelledby="procedure-title">
          <h2 id="procedure-title">
            {procedure.title}
            <ClauseText clause={procedure.clause} />
          </h2>
          {current && Object.hasOwn(procedure.states, current) && (
            <p className="notice">
              Текущий этап заявления: <strong>{procedure.states[current]?.title ?? current}</strong> (выделен на схеме и в таблице).
            </p>
          )}
          <ProcedureDiagram procedure={procedure} titles={{ rule: ruleTitleOf(config) }} current={current} />
          <ProcedureSteps config={config} procedure={procedure} current={current} />
        </section>
      )}
    </>
  );
}
