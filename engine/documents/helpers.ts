/**
 * The Handlebars helpers every document template may use. Each returns plain text, which Handlebars
 * then HTML-escapes like any other value.
 */

/** `{{date application.registeredOn}}`: "2025-01-09" (or an instant "2025-01-09T…") -> "09.01.2025"; anything else -> "". */
export function formatDate(value: unknown): string {
  if (typeof value !== 'string') return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : '';
}

/** `{{money application.fee.amount}}`: 1500 -> "1 500 руб.", 1500.5 -> "1 500,50 руб." (non-breaking spaces); not a number -> "". */
export function formatMoney(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const kopecks = Math.round(Math.abs(value) * 100);
  const roubles = Math.floor(kopecks / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const fraction = kopecks % 100 === 0 ? '' : `,${String(kopecks % 100).padStart(2, '0')}`;
  return `${value < 0 ? '-' : ''}${roubles}${fraction}\u00a0руб.`;
}

/** `{{#if (eq application.outcome "granted")}}`: strict equality. */
export function eq(a: unknown, b: unknown): boolean {
  return a === b;
}

/** Helper name -> implementation, as registered on each region's Handlebars instance. */
export const documentHelpers = {
  // Handlebars passes an options object last; each helper reads only its leading arguments.
  date: (value: unknown) => formatDate(value),
  money: (value: unknown) => formatMoney(value),
  eq: (a: unknown, b: unknown) => eq(a, b),
} as const;
