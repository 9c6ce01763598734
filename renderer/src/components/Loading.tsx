/** Shown while something loads; announced politely to screen readers. */
export function Loading({ what = 'Загрузка' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      {what}…
    </p>
  );
}
