/** Russian messages of the browser's form: identifier problems as one types, ajv errors by keyword, and 422 errors by path. */
import type { RJSFValidationError } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { identifierProblem } from '../../renderer/src/forms/identifierProblem.ts';
import { russianErrors } from '../../renderer/src/forms/russianErrors.ts';
import { stillStanding, toErrorSchema } from '../../renderer/src/forms/serverErrors.ts';

describe('identifier problems', () => {
  it('says nothing about a valid value', () => {
    expect(identifierProblem('inn', '7707083893')).toBeNull();
    expect(identifierProblem('snils', '112-233-445 95')).toBeNull();
    expect(identifierProblem('phone', '+7 (921) 123-45-67')).toBeNull();
  });

  it('tells a wrong checksum from a number still being typed and from wrong characters', () => {
    expect(identifierProblem('inn', '7707083890')).toEqual({ kind: 'invalid', message: 'Контрольное число ИНН не сходится — проверьте, нет ли опечатки' });
    expect(identifierProblem('inn', '77070')?.kind).toBe('incomplete');
    expect(identifierProblem('ogrn', '10277001321950')?.kind).toBe('invalid');
    expect(identifierProblem('ogrnip', '30450011610001x')?.message).toBe('ОГРНИП состоит только из цифр');
    expect(identifierProblem('phone', '8 921 123')?.message).toMatch(/начинается с \+7/);
    expect(identifierProblem('email', 'name@')?.kind).toBe('incomplete');
  });
});

describe('ajv errors in Russian', () => {
  const schema = {
    type: 'object',
    properties: {
      applicant: { type: 'object', properties: { inn: { type: 'string', format: 'inn', title: 'ИНН' } } },
      works: { type: 'object', properties: { kinds: { type: 'array', title: 'Виды работ', items: { type: 'string', enum: ['a'], oneOf: [{ const: 'a' }] } } } },
    },
  };
  const error = (e: Partial<RJSFValidationError>): RJSFValidationError => ({ stack: '', ...e });

  it('explains a format error from the value and drops the oneOf that shadows an enum', () => {
    const out = russianErrors(
      [
        error({ name: 'format', property: '.applicant.inn', params: { format: 'inn' }, title: 'ИНН' }),
        error({ name: 'minItems', property: '.works.kinds', params: { limit: 1 } }),
        error({ name: 'oneOf', property: '.works.kinds.0', schemaPath: '#/properties/works/properties/kinds/items/oneOf' }),
        error({ name: 'const', property: '.works.kinds.0', schemaPath: '#/properties/works/properties/kinds/items/oneOf/0/const' }),
      ],
      schema,
      { applicant: { inn: '7707083890' } },
    );
    expect(out.map((e) => [e.property, e.message])).toEqual([
      ['.applicant.inn', 'Контрольное число ИНН не сходится — проверьте, нет ли опечатки'],
      ['.works.kinds', 'Отметьте хотя бы один вариант'],
    ]);
  });
});

describe('server field errors', () => {
  it('are placed by dotted path, the root for the whole form', () => {
    expect(
      toErrorSchema([
        { path: 'applicant.inn', message: 'a', keyword: 'format' },
        { path: 'places.0.address', message: 'b', keyword: 'required' },
        { path: '', message: 'c', keyword: 'x' },
      ]),
    ).toEqual({ applicant: { inn: { __errors: ['a'] } }, places: { 0: { address: { __errors: ['b'] } } }, __errors: ['c'] });
  });

  it('stand until the value they are about changes', () => {
    const server = { errors: [{ path: 'applicant.inn', message: 'a', keyword: 'format' }, { path: 'applicant.name', message: 'b', keyword: 'x' }], data: { applicant: { inn: '1', name: 'n' } } };
    expect(stillStanding(server, { applicant: { inn: '2', name: 'n' } }).map((e) => e.message)).toEqual(['b']);
  });
});
