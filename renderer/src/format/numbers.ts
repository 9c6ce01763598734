/** Numbers in Russian: roubles and counted nouns. */

const rubles = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** 7500 -> "7 500 ₽". */
export const formatMoney = (amount: number): string => rubles.format(amount);

/** The Russian plural form for n: plural(5, ['день', 'дня', 'дней']) -> "дней". */
function plural(n: number, forms: readonly [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

/** 5 -> "5 рабочих дней". */
export const workingDays = (n: number): string => `${n} ${plural(n, ['рабочий день', 'рабочих дня', 'рабочих дней'])}`;

export const calendarDays = (n: number): string => `${n} ${plural(n, ['календарный день', 'календарных дня', 'календарных дней'])}`;

/** A deadline's term in words: "35 рабочих дней" or "30 календарных дней". */
export const term = (d: { readonly workingDays?: number | null; readonly calendarDays?: number | null }): string =>
  d.calendarDays !== undefined && d.calendarDays !== null ? calendarDays(d.calendarDays) : workingDays(d.workingDays ?? 0);
