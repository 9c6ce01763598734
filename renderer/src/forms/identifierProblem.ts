/**
 * What is wrong with an identifier or contact value, in Russian, for the message shown next to the
 * field as one types. The verdict itself comes from the same predicates the server uses (FORM_FORMATS);
 * this file only explains it: wrong characters, not enough digits, or a checksum that does not match.
 */
import { FORM_FORMATS } from '../../../engine/forms/formFormats.ts';

export interface Problem {
  /** `incomplete`: the value may still be being typed (shown after leaving the field); `invalid`: wrong as it stands. */
  readonly kind: 'incomplete' | 'invalid';
  readonly message: string;
}

interface DigitsRule {
  readonly name: string;
  readonly lengths: readonly number[];
  readonly lengthText: string;
  /** Separators allowed between the digits. */
  readonly separators: RegExp;
}

const DIGIT_RULES: Readonly<Record<string, DigitsRule>> = {
  inn: { name: 'ИНН', lengths: [10, 12], lengthText: '10 цифр у организации или 12 цифр у физического лица и ИП', separators: /$^/ },
  ogrn: { name: 'ОГРН', lengths: [13], lengthText: '13 цифр', separators: /$^/ },
  ogrnip: { name: 'ОГРНИП', lengths: [15], lengthText: '15 цифр', separators: /$^/ },
  snils: { name: 'СНИЛС', lengths: [11], lengthText: '11 цифр, например 123-456-789 01', separators: /[\s-]/g },
};

function digitsProblem(rule: DigitsRule, value: string): Problem {
  const compact = value.replace(rule.separators, '');
  if (!/^\d*$/.test(compact)) return { kind: 'invalid', message: `${rule.name} состоит только из цифр` };
  const max = Math.max(...rule.lengths);
  if (compact.length > max) return { kind: 'invalid', message: `В ${rule.name} ${rule.lengthText}; введено цифр: ${compact.length}` };
  if (!rule.lengths.includes(compact.length)) return { kind: 'incomplete', message: `В ${rule.name} ${rule.lengthText}; введено цифр: ${compact.length}` };
  return { kind: 'invalid', message: `Контрольное число ${rule.name} не сходится — проверьте, нет ли опечатки` };
}

function phoneProblem(value: string): Problem {
  const compact = value.replace(/[\s()-]/g, '');
  if (!/^\+?\d*$/.test(compact)) return { kind: 'invalid', message: 'Номер телефона состоит из цифр после +7, например +7 921 123-45-67' };
  if (compact.length > 0 && !compact.startsWith('+7')) return { kind: 'invalid', message: 'Номер телефона начинается с +7, например +7 921 123-45-67' };
  return { kind: compact.length < 12 ? 'incomplete' : 'invalid', message: 'Номер телефона: +7 и 10 цифр, например +7 921 123-45-67' };
}

const emailProblem = (value: string): Problem => ({
  kind: value.includes('@') && /\.[^.@\s]+$/.test(value) ? 'invalid' : 'incomplete',
  message: 'Адрес электронной почты в виде name@example.ru',
});

/** null when the value is valid for the format (or the format is not one this file explains). */
export function identifierProblem(format: string, value: string): Problem | null {
  const check = Object.hasOwn(FORM_FORMATS, format) ? FORM_FORMATS[format] : undefined;
  if (!check || check(value)) return null;
  if (Object.hasOwn(DIGIT_RULES, format)) return digitsProblem(DIGIT_RULES[format], value);
  if (format === 'phone') return phoneProblem(value);
  if (format === 'email') return emailProblem(value);
  return null;
}

/** The formats identifierProblem explains (the fields that get a live check). */
export const EXPLAINED_FORMATS = [...Object.keys(DIGIT_RULES), 'phone', 'email'] as const;
