/** "Просрочено" in words and colour, so the flag does not rest on colour alone. */
export function OverdueBadge({ overdue }: { overdue: boolean }) {
  if (!overdue) return null;
  return <strong className="badge badge-overdue">Просрочено</strong>;
}
