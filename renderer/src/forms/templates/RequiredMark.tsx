/** The asterisk after a required field's label; screen readers hear "обязательное поле" instead. */
export function RequiredMark({ required }: { required?: boolean }) {
  if (!required) return null;
  return (
    <>
      <span className="required" aria-hidden="true">
        {' *'}
      </span>
      <span className="visually-hidden"> (обязательное поле)</span>
    </>
  );
}
