/**
 * Checksums of Russian identifiers. Valid numbers are real published ones (ПАО Сбербанк: ИНН 7707083893,
 * ОГРН 1027700132195) or worked out by hand below; each invalid one differs from a valid one by a digit.
 */
import { describe, expect, it } from 'vitest';
import { isValidInn, isValidOgrn, isValidOgrnip, isValidPhone, isValidSnils } from '../engine/forms/identifiers.ts';

describe('isValidInn', () => {
  it('checks the control digit of a 10-digit ИНН', () => {
    // 7·2 + 7·4 + 0·10 + 7·3 + 0·5 + 8·9 + 3·4 + 8·6 + 9·8 = 267; 267 mod 11 = 3 -> last digit 3.
    expect(isValidInn('7707083893')).toBe(true);
    expect(isValidInn('7707083894')).toBe(false);
  });

  it('checks both control digits of a 12-digit ИНН', () => {
    expect(isValidInn('500100732259')).toBe(true);
    expect(isValidInn('500100732258')).toBe(false); // second control digit wrong
    expect(isValidInn('500100732269')).toBe(false); // first control digit wrong
  });

  it('refuses other lengths and non-digits', () => {
    for (const v of ['', '770708389', '77070838931', '7707O83893', ' 7707083893']) expect(isValidInn(v)).toBe(false);
  });
});

describe('isValidOgrn and isValidOgrnip', () => {
  it('ОГРН: first 12 digits mod 11, mod 10', () => {
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidOgrn('1027700132194')).toBe(false);
    expect(isValidOgrn('102770013219')).toBe(false);
  });

  it('ОГРНИП: first 14 digits mod 13, mod 10', () => {
    // 30450011600015 mod 13 = 7.
    expect(isValidOgrnip('304500116000157')).toBe(true);
    expect(isValidOgrnip('304500116000158')).toBe(false);
    expect(isValidOgrnip('1027700132195')).toBe(false);
  });
});

describe('isValidSnils', () => {
  it('accepts the control number with or without separators', () => {
    // 1·9 + 1·8 + 2·7 + 2·6 + 3·5 + 3·4 + 4·3 + 4·2 + 5·1 = 95.
    expect(isValidSnils('112-233-445 95')).toBe(true);
    expect(isValidSnils('11223344595')).toBe(true);
    expect(isValidSnils('112-233-445 96')).toBe(false);
  });

  it('takes the sum mod 101, reading 100 as 00', () => {
    // 1·9 + 2·8 + ... + 9·1 = 165; 165 mod 101 = 64.
    expect(isValidSnils('123-456-789 64')).toBe(true);
    // 0·9 + 8·8 + 7·7 + 6·6 + 5·5 + 4·4 + 3·3 + 0·2 + 3·1 = 202; 202 mod 101 = 0.
    expect(isValidSnils('087-654-303 00')).toBe(true);
    expect(isValidSnils('087-654-303 01')).toBe(false);
  });

  it('does not check numbers up to 001-001-998, issued before the control number', () => {
    expect(isValidSnils('001-001-998 42')).toBe(true);
    // 001-001-999: 1·7 + 1·4 + 9·3 + 9·2 + 9·1 = 65.
    expect(isValidSnils('001-001-999 65')).toBe(true);
    expect(isValidSnils('001-001-999 42')).toBe(false);
  });

  it('refuses other shapes', () => {
    for (const v of ['112-233-44595x', '1122334459', '112 233 445 95', '']) expect(isValidSnils(v)).toBe(false);
  });
});

describe('isValidPhone', () => {
  it('accepts +7 and ten digits however they are spaced', () => {
    for (const v of ['+79211234567', '+7 (921) 123-45-67', '+7 8172 72-00-00', '+7-921-123-45-67']) {
      expect(isValidPhone(v), v).toBe(true);
    }
  });

  it('refuses other countries, short numbers and the trunk prefix 8', () => {
    for (const v of ['89211234567', '+7921123456', '+792112345678', '+1 (921) 123-45-67', '+7 921 123-45-6x', '']) {
      expect(isValidPhone(v), v).toBe(false);
    }
  });
});
