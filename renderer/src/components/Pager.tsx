/** "Назад / Вперёд" through a long list, with where the user is in words. */
export function Pager({ offset, limit, total, onMove }: { offset: number; limit: number; total: number; onMove: (offset: number) => void }) {
  if (total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return (
    <nav className="pager" aria-label="Страницы списка">
      <button type="button" className="secondary" disabled={offset === 0} onClick={() => onMove(Math.max(0, offset - limit))}>
        Назад
      </button>
      <span>
        Страница {page} из {pages} (всего {total})
      </span>
      <button type="button" className="secondary" disabled={offset + limit >= total} onClick={() => onMove(offset + limit)}>
        Вперёд
      </button>
    </nav>
  );
}
