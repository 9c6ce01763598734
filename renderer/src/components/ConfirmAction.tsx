/** An action that carries no data: one button that confirms it, with the server's answer if it fails. */
import { useState } from 'react';
import { isApiError } from '../api/ApiError.ts';

export function ConfirmAction({ label, send }: { label: string; send: (payload: Record<string, unknown>) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await send({});
    } catch (e) {
      setFailure(isApiError(e) ? e.message : 'Не удалось выполнить действие. Повторите попытку.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="form-actions">
      <p>Подтвердите действие «{label}». Отменить его после подтверждения нельзя.</p>
      {failure && (
        <p className="form-failure" role="alert">
          {failure}
        </p>
      )}
      <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
        {busy ? 'Выполняется…' : `Подтвердить: ${label}`}
      </button>
    </div>
  );
}
