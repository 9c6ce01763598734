import { describe, expect, it } from 'vitest';
import type { RegistryFile } from '../config/types/generated.ts';
import { extractAttributes } from '../engine/registry/extractAttributes.ts';
import { formatLicenceNumber } from '../engine/registry/formatLicenceNumber.ts';
import { publicLicence } from '../engine/registry/publicLicence.ts';
import { valueAtPath } from '../engine/registry/valueAtPath.ts';
import { licenceRecord } from './store/storeContract.ts';

describe('formatLicenceNumber', () => {
  it('pads the sequence number and fills in the year', () => {
    expect(formatLicenceNumber('35-{year}-{seq}', 4, 7, 2025)).toBe('35-2025-0007');
    expect(formatLicenceNumber('{seq}', 2, 12345, 2025)).toBe('12345');
    expect(formatLicenceNumber('$&-{seq}/{year}/{seq}', 3, 5, 2024)).toBe('$&-005/2024/005');
  });
  it('refuses a pattern without {seq} and a sequence that is not a positive integer', () => {
    expect(() => formatLicenceNumber('35-{year}', 4, 1, 2025)).toThrow(RangeError);
    expect(() => formatLicenceNumber('{seq}', 4, 0, 2025)).toThrow(RangeError);
    expect(() => formatLicenceNumber('{seq}', 4, 1.5, 2025)).toThrow(RangeError);
  });
});

describe('valueAtPath and extractAttributes', () => {
  const source = { submission: { applicant: { inn: '7707083893', sites: [{ city: 'Вологда' }] } }, data: { DECIDE: { number: 12 } } };
  it('reads own properties along a dotted path, array indexes included', () => {
    expect(valueAtPath(source, 'submission.applicant.inn')).toBe('7707083893');
    expect(valueAtPath(source, 'submission.applicant.sites.0.city')).toBe('Вологда');
    expect(valueAtPath(source, 'data.DECIDE.number')).toBe(12);
    expect(valueAtPath(source, 'submission.missing.inn')).toBeUndefined();
    expect(valueAtPath(source, 'submission.applicant.inn.length')).toBeUndefined();
    expect(valueAtPath(source, 'submission.toString')).toBeUndefined();
  });
  it('rejects paths into prototype machinery', () => {
    for (const segment of ['__proto__', 'constructor', 'prototype']) {
      expect(() => valueAtPath(source, `submission.${segment}.x`)).toThrow(RangeError);
    }
  });
  it('extracts the registry attributes that have a value', () => {
    const registry: RegistryFile = {
      title: 'Реестр',
      numbering: { pattern: '{seq}' },
      attributes: [
        { id: 'inn', title: 'ИНН', from: 'submission.applicant.inn' },
        { id: 'number', title: 'Номер', from: 'data.DECIDE.number' },
        { id: 'phone', title: 'Телефон', from: 'submission.applicant.phone' },
      ],
    };
    expect(extractAttributes(registry, source)).toEqual({ inn: '7707083893', number: 12 });
    expect(publicLicence({ ...registry, attributes: [{ ...registry.attributes[0], public: false }, ...registry.attributes.slice(1)] }, licenceRecord()).attributes).toEqual({
      name: 'ООО «Ромашка»',
    });
  });
});
