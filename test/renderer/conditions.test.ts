/** The browser's handling of a form's conditional parts: shown and hidden by the same rules the server applies. */
import { describe, expect, it } from 'vitest';
import { presentParts, settle, visibleSchema, withoutHidden } from '../../renderer/src/forms/conditions.ts';
import type { CompiledForm } from '../../renderer/src/api/types.ts';

const form: CompiledForm = {
  id: 'f',
  title: 'Форма',
  schema: {
    type: 'object',
    required: ['applicant'],
    properties: {
      applicant: {
        type: 'object',
        required: ['kind'],
        properties: { kind: { type: 'string' }, ogrn: { type: 'string', 'x-requiredWhenShown': true } },
      },
      site: {
        type: 'object',
        properties: { places: { type: 'array', items: { type: 'object', properties: { address: { type: 'string' }, plan: { type: 'string' } } } } },
      },
    },
  },
  uiSchema: {},
  rules: {
    isCompany: { '==': [{ var: 'submission.applicant.kind' }, 'company'] },
    hasSite: { '==': [{ var: 'submission.applicant.ogrn' }, '1027700132195'] },
  },
  conditions: { 'applicant.ogrn': 'isCompany', site: 'hasSite', 'site.places.*.plan': 'isCompany' },
};
const asSubmission = (data: Record<string, unknown>) => ({ submission: data });

describe('conditional parts of a form', () => {
  it('removes hidden parts from the schema and makes a shown conditional section required', () => {
    const schema = visibleSchema(form.schema, { 'applicant.ogrn': false, site: true, 'site.places.*.plan': false });
    const props = schema.properties as Record<string, { properties: Record<string, unknown>; items?: unknown }>;
    expect(Object.keys(props.applicant.properties)).toEqual(['kind']);
    expect(schema.required).toEqual(['applicant', 'site']);
    const places = (props.site.properties.places as { items: { properties: Record<string, unknown> } }).items;
    expect(Object.keys(places.properties)).toEqual(['address']);
    expect(Object.keys((form.schema.properties as Record<string, { properties: object }>).applicant.properties)).toEqual(['kind', 'ogrn']);
  });

  it('marks a shown conditional field required when the form says it is required while shown', () => {
    const shown = visibleSchema(form.schema, { 'applicant.ogrn': true, site: false, 'site.places.*.plan': false });
    expect((shown.properties as Record<string, { required: string[] }>).applicant.required).toEqual(['kind', 'ogrn']);
    const hidden = visibleSchema(form.schema, { 'applicant.ogrn': false, site: false, 'site.places.*.plan': false });
    expect((hidden.properties as Record<string, { required: string[] }>).applicant.required).toEqual(['kind']);
  });

  it('drops the data of hidden parts, in every list item', () => {
    const data = { applicant: { kind: 'person', ogrn: 'x' }, site: { places: [{ address: 'a', plan: 'p' }, { address: 'b', plan: 'q' }] } };
    expect(withoutHidden(data, { 'applicant.ogrn': false, site: true, 'site.places.*.plan': false })).toEqual({
      applicant: { kind: 'person' },
      site: { places: [{ address: 'a' }, { address: 'b' }] },
    });
  });

  it('settles chains: a part hidden now hides what its value had shown', () => {
    const data = { applicant: { kind: 'person', ogrn: '1027700132195' }, site: { places: [] } };
    const { data: kept, visibility } = settle(form, data, asSubmission);
    expect(kept).toEqual({ applicant: { kind: 'person' } });
    expect(visibility).toEqual({ 'applicant.ogrn': false, site: false, 'site.places.*.plan': false });
  });

  it('keeps a shown part and its data', () => {
    const data = { applicant: { kind: 'company', ogrn: '1027700132195' }, site: { places: [{ address: 'a', plan: 'p' }] } };
    expect(settle(form, data, asSubmission).data).toEqual(data);
  });

  it('shows stored data by what it holds, without evaluating the rules', () => {
    expect(presentParts(form, { applicant: { kind: 'person', ogrn: 'x' }, site: { places: [{ address: 'a' }] } })).toEqual({
      'applicant.ogrn': true,
      site: true,
      'site.places.*.plan': false,
    });
  });
});
