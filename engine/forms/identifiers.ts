/**
 * Checksum validators for Russian identifiers and phone numbers. Pure and browser-safe (no Node
 * imports): the server's form validator and the browser's form both use this file.
 */

const digitsOf = (s: string): number[] => Array.from(s, Number);

/** Weighted sum of digits mod 11, mod 10: the control digit of ИНН. */
function innControl(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digits[i] * weights[i];
  return (sum % 11) % 10;
}

/**
 * ИНН: 10 digits (organisation; control digit 10 from weights 2 4 10 3 5 9 4 6 8) or 12 digits (person;
 * control digits 11 and 12 from weights 7 2 4 10 3 5 9 4 6 8 and 3 7 2 4 10 3 5 9 4 6 8).
 */
export function isValidInn(value: string): boolean {
  if (/^\d{10}$/.test(value)) {
    const d = digitsOf(value);
    return innControl(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
  }
  if (/^\d{12}$/.test(value)) {
    const d = digitsOf(value);
    return (
      innControl(d, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[10] &&
      innControl(d, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[11]
    );
  }
  return false;
}

/** Remainder of a long decimal string by a small modulus, digit by digit (no BigInt needed). */
function modOf(digits: string, modulus: number): number {
  let rem = 0;
  for (const ch of digits) rem = (rem * 10 + Number(ch)) % modulus;
  return rem;
}

/** ОГРН: 13 digits; the last is (first 12 as a number mod 11) mod 10. */
export function isValidOgrn(value: string): boolean {
  return /^\d{13}$/.test(value) && (modOf(value.slice(0, 12), 11) % 10) === Number(value[12]);
}

/** ОГРНИП: 15 digits; the last is (first 14 as a number mod 13) mod 10. */
export function isValidOgrnip(value: string): boolean {
  return /^\d{15}$/.test(value) && (modOf(value.slice(0, 14), 13) % 10) === Number(value[14]);
}

/**
 * СНИЛС: 11 digits, plain or written "123-456-789 01". The control number is the sum of the first nine
 * digits weighted 9..1, taken mod 101 with 100 read as 00. Numbers up to 001-001-998 were issued before
 * the control number existed and are accepted with any control digits.
 */
export function isValidSnils(value: string): boolean {
  const m = /^(\d{3})-?(\d{3})-?(\d{3})[ -]?(\d{2})$/.exec(value);
  if (!m) return false;
  const number = m[1] + m[2] + m[3];
  if (Number(number) <= 1_001_998) return true;
  const d = digitsOf(number);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += d[i] * (9 - i);
  const control = (sum % 101) % 100;
  return control === Number(m[4]);
}

/** Phone: +7 and ten digits; spaces, dashes and parentheses are ignored ("+7 (921) 123-45-67"). */
export function isValidPhone(value: string): boolean {
  return /^\+7\d{10}$/.test(value.replace(/[\s()-]/g, ''));
}
