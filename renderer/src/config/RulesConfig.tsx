/** The named conditions (rules.yaml) with their clauses, and each one's expression for whoever checks it. */
import type { RegionConfigView } from '../api/types.ts';
import { ClauseText } from '../components/ClauseText.tsx';

export function RulesConfig({ config }: { config: RegionConfigView }) {
  return (
    <ul className="plain rules">
      {config.rules.map((r) => (
        <li key={r.id}>
          <strong>{r.title}</strong>
          <ClauseText clause={r.clause} />
          <details>
            <summary>Выражение</summary>
            <pre>
              <code>{JSON.stringify(r.when, null, 2)}</code>
            </pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
