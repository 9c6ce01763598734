/**
 * Where the documents of an application went outside the system: each e-mail (sent, waiting for
 * another attempt, given up) and each paper copy (to do, done). Staff mark a paper copy done here.
 */
import { useState } from 'react';
import { isApiError } from '../api/ApiError.ts';
import { completePaperDelivery, getDeliveries } from '../api/endpoints.ts';
import type { Delivery } from '../api/types.ts';
import { formatInstant } from '../format/dates.ts';
import { useResource } from '../session/useResource.ts';
import { Loaded } from './Loaded.tsx';

function state(d: Delivery): string {
  if (d.channel === 'paper') return d.status === 'done' ? `отправлено ${d.finishedAt ? formatInstant(d.finishedAt) : ''}` : 'нужно отправить';
  if (d.status === 'sent') return `отправлено ${d.finishedAt ? formatInstant(d.finishedAt) : ''}`;
  if (d.status === 'failed') return 'не доставлено (попытки прекращены)';
  return d.attempts === 0 ? 'в очереди на отправку' : `ожидает повторной попытки (${formatInstant(d.nextAttemptAt)})`;
}

export function DeliveryList({ applicationId, token, staff }: { applicationId: string; token: string; staff: boolean }) {
  const list = useResource(() => getDeliveries(applicationId, token), `${applicationId}@${token}`);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Loaded resource={list} what="Загрузка отправлений">
      {({ items }) =>
        items.length === 0 ? (
          <p className="muted">Документы по электронной почте и на бумаге не направлялись.</p>
        ) : (
          <>
            <ul className="plain deliveries">
              {items.map((d) => (
                <li key={d.id}>
                  <strong>{d.channel === 'email' ? 'Электронная почта' : 'На бумаге'}</strong>: {d.text.split('\n')[0].slice(0, 200)}{' '}
                  <span className="muted">— {state(d)}</span>
                  {staff && d.channel === 'paper' && d.status === 'pending' && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="secondary"
                        onClick={() =>
                          completePaperDelivery(applicationId, d.id, token).then(list.reload, (e: unknown) => setProblem(isApiError(e) ? e.message : 'Не удалось отметить'))
                        }
                      >
                        Отметить отправленным
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
            {problem && (
              <p className="form-failure" role="alert">
                {problem}
              </p>
            )}
          </>
        )
      }
    </Loaded>
  );
}
