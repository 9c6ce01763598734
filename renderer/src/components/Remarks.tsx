/** " — поиск, не публикуется": short remarks after an item, only those that apply. */
export function Remarks({ items }: { items: readonly (string | false | undefined)[] }) {
  const shown = items.filter(Boolean);
  if (shown.length === 0) return null;
  return <span className="muted"> — {shown.join(', ')}</span>;
}
