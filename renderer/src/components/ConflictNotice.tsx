/** Shown when the application changed since it was loaded (409): someone else acted first. */
export function ConflictNotice({ onReload }: { onReload: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>Заявление изменено другим пользователем, обновите страницу и проверьте его состояние.</p>
      <button type="button" className="secondary" onClick={onReload}>
        Обновить
      </button>
    </div>
  );
}
