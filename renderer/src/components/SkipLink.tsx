/** "Перейти к содержанию": the first thing the keyboard reaches; moves the focus to the page's heading. */
export function SkipLink() {
  return (
    <button
      type="button"
      className="skip-link"
      onClick={() => (document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main'))?.focus()}
    >
      Перейти к содержанию
    </button>
  );
}
