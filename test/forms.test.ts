/**
 * Forms: compiling forms/<id>.yaml to JSON Schema + uiSchema, and validating data against it with
 * Russian messages, visibleWhen rules and hostile keys.
 */
import { describe, expect, it } from 'vitest';
import type { FormFile } from '../config/types/generated.ts';
import { isReglamentError, NotFoundError } from '../engine/errors.ts';
import { compileForm } from '../engine/forms/compileForm.ts';
import { createFormValidator } from '../engine/forms/createFormValidator.ts';
import { makeRegion, makeService } from './helpers/regionFactory.ts';

const application: FormFile = {
  id: 'app',
  title: 'Заявление о предоставлении лицензии',
  clause: 'Приложение 1',
  sections: [
    {
      id: 'applicant',
      title: 'Сведения о заявителе',
      clause: 'Приложение 1, п. 1',
      fields: [
        {
          id: 'kind',
          type: 'enum',
          title: 'Вид заявителя',
          required: true,
          options: [
            { value: 'ul', title: 'Юридическое лицо' },
            { value: 'ip', title: 'Индивидуальный предприниматель' },
          ],
        },
        { id: 'name', type: 'string', title: 'Наименование', required: true },
        { id: 'inn', type: 'inn', title: 'ИНН', required: true, clause: 'Приложение 1, п. 3' },
        { id: 'ogrn', type: 'ogrn', title: 'ОГРН', required: true, visibleWhen: 'isUl' },
        { id: 'ogrnip', type: 'ogrnip', title: 'ОГРНИП', required: true, visibleWhen: 'isIp' },
        { id: 'snils', type: 'snils', title: 'СНИЛС' },
        { id: 'founded', type: 'date', title: 'Дата регистрации' },
      ],
    },
    {
      id: 'contacts',
      title: 'Контакты',
      fields: [
        { id: 'phone', type: 'phone', title: 'Телефон', required: true },
        { id: 'email', type: 'email', title: 'Электронная почта' },
        { id: 'delivery', type: 'boolean', title: 'Направить результат почтой' },
        {
          id: 'address',
          type: 'group',
          title: 'Почтовый адрес',
          required: true,
          visibleWhen: 'wantsDelivery',
          fields: [
            { id: 'index', type: 'string', title: 'Индекс', required: true, pattern: '^\\d{6}$' },
            { id: 'city', type: 'string', title: 'Город', required: true, maxLength: 100 },
          ],
        },
      ],
    },
    {
      id: 'activity',
      title: 'Деятельность',
      fields: [
        {
          id: 'kinds',
          type: 'multiEnum',
          title: 'Виды работ',
          required: true,
          minItems: 1,
          options: [
            { value: 'ferrous', title: 'Лом чёрных металлов' },
            { value: 'nonferrous', title: 'Лом цветных металлов' },
          ],
        },
        { id: 'employees', type: 'integer', title: 'Численность работников', minimum: 0 },
        { id: 'area', type: 'number', title: 'Площадь, м²', minimum: 0, maximum: 100000 },
        { id: 'comment', type: 'text', title: 'Комментарий', description: 'Необязательно' },
        {
          id: 'addresses',
          type: 'list',
          title: 'Места осуществления деятельности',
          required: true,
          minItems: 1,
          fields: [
            { id: 'address', type: 'string', title: 'Адрес', required: true },
            { id: 'scan', type: 'file', title: 'Документ о праве на объект', formats: ['pdf', 'jpg'] },
          ],
        },
      ],
    },
    {
      id: 'ipExtra',
      title: 'Сведения об ИП',
      visibleWhen: 'isIp',
      fields: [{ id: 'passport', type: 'string', title: 'Паспорт', required: true }],
    },
    {
      id: 'consent',
      title: 'Согласие',
      fields: [{ id: 'agree', type: 'boolean', title: 'Согласие на обработку персональных данных', required: true, const: true }],
    },
  ],
};

const decision: FormFile = {
  id: 'decide',
  title: 'Решение',
  sections: [
    {
      id: 'decision',
      title: 'Решение по заявлению',
      fields: [
        {
          id: 'outcome',
          type: 'enum',
          title: 'Решение',
          required: true,
          options: [
            { value: 'grant', title: 'Предоставить' },
            { value: 'refuse', title: 'Отказать' },
          ],
        },
        { id: 'grounds', type: 'grounds', title: 'Основания отказа', group: 'refuse', required: true, visibleWhen: 'isRefusal' },
      ],
    },
  ],
};

const region = makeRegion({
  rules: [
    { id: 'isUl', when: { '==': [{ var: 'submission.applicant.kind' }, 'ul'] } },
    { id: 'isIp', when: { '==': [{ var: 'submission.applicant.kind' }, 'ip'] } },
    { id: 'wantsDelivery', when: { '===': [{ var: 'submission.contacts.delivery' }, true] } },
    { id: 'isRefusal', when: { '==': [{ var: 'payload.decision.outcome' }, 'refuse'] } },
  ],
  refusals: [
    {
      id: 'refuse',
      title: 'Основания для отказа',
      clause: '2.9.3',
      grounds: [
        { id: 'falseData', title: 'Наличие недостоверной информации', clause: '2.9.3.1' },
        { id: 'mismatch', title: 'Несоответствие лицензионным требованиям', clause: '2.9.3.2' },
      ],
    },
  ],
  forms: [application, decision],
  services: [makeService({ form: 'app' })],
});

const pdf = [{ id: '00000000-0000-4000-8000-000000000001', name: 'договор.pdf' }];

/** A complete, valid application of a legal entity that wants the result by post. */
const valid = () => ({
  applicant: { kind: 'ul', name: 'ООО «Вторчермет»', inn: '7707083893', ogrn: '1027700132195', snils: '112-233-445 95', founded: '2002-08-16' },
  contacts: { phone: '+7 (817) 272-00-00', email: 'info@example.ru', delivery: true, address: { index: '160000', city: 'Вологда' } },
  activity: {
    kinds: ['ferrous'],
    employees: 12,
    area: 350.5,
    comment: 'Площадка у железной дороги',
    addresses: [{ address: 'г. Вологда, ул. Ленина, д. 1', scan: pdf }],
  },
  consent: { agree: true },
});

const validate = createFormValidator(region, 'app');
type Data = ReturnType<typeof valid>;
const check = (change: (d: Data) => void) => {
  const d = valid();
  change(d);
  return validate(d);
};

/** Every object schema in `node`, depth first. */
function objectSchemas(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => objectSchemas(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'object') out.push(o);
    Object.values(o).forEach((v) => objectSchemas(v, out));
  }
  return out;
}

describe('compileForm', () => {
  const compiled = compileForm(region, 'app');
  const schema = compiled.schema as any;

  it('makes one required object per unconditional section, closed everywhere', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toEqual(['applicant', 'contacts', 'activity', 'ipExtra', 'consent']);
    expect(schema.required).toEqual(['applicant', 'contacts', 'activity', 'consent']);
    expect(schema.properties.applicant.required).toEqual(['kind', 'name', 'inn']);
    expect(schema.properties.applicant['x-clause']).toBe('Приложение 1, п. 1');
    // ОГРН is required only while its rule shows it: marked so for the browser, not in `required`.
    expect(schema.properties.applicant.properties.ogrn['x-requiredWhenShown']).toBe(true);
    const objects = objectSchemas(schema);
    expect(objects.length).toBe(9); // root, 5 sections, address group, list item, file reference
    for (const o of objects) expect(o.additionalProperties).toBe(false);
  });

  it('maps each field type', () => {
    const { applicant, contacts, activity, consent } = schema.properties;
    expect(applicant.properties.inn).toEqual({ title: 'ИНН', 'x-clause': 'Приложение 1, п. 3', type: 'string', format: 'inn' });
    expect(applicant.properties.name).toMatchObject({ type: 'string', maxLength: 1000, minLength: 1 });
    expect(applicant.properties.founded).toMatchObject({ type: 'string', format: 'date' });
    expect(applicant.properties.kind).toMatchObject({
      type: 'string',
      enum: ['ul', 'ip'],
      oneOf: [
        { const: 'ul', title: 'Юридическое лицо' },
        { const: 'ip', title: 'Индивидуальный предприниматель' },
      ],
    });
    expect(contacts.properties.phone.format).toBe('phone');
    expect(contacts.properties.email.format).toBe('email');
    expect(contacts.properties.delivery.type).toBe('boolean');
    expect(contacts.properties.address).toMatchObject({ type: 'object', required: ['index', 'city'] });
    expect(contacts.properties.address.properties.city.maxLength).toBe(100);
    expect(activity.properties.kinds).toMatchObject({ type: 'array', uniqueItems: true, minItems: 1, items: { enum: ['ferrous', 'nonferrous'] } });
    expect(activity.properties.employees).toMatchObject({ type: 'integer', minimum: 0 });
    expect(activity.properties.area).toMatchObject({ type: 'number', minimum: 0, maximum: 100000 });
    expect(activity.properties.comment).toMatchObject({ type: 'string', maxLength: 10000, description: 'Необязательно' });
    expect(activity.properties.addresses).toMatchObject({ type: 'array', minItems: 1, maxItems: 100 });
    // A file field: a list of upload references, with the limits the upload route applies.
    expect(activity.properties.addresses.items.properties.scan).toMatchObject({
      type: 'array',
      maxItems: 10,
      items: { type: 'object', required: ['id', 'name'] },
      'x-attachment': { formats: ['pdf', 'jpg'], maxFileSizeMb: 20, maxFiles: 10 },
    });
    expect(consent.properties.agree).toMatchObject({ type: 'boolean', const: true });
  });

  it('builds the uiSchema: order, textarea, file accept, help, option titles', () => {
    const ui = compiled.uiSchema as any;
    expect(ui['ui:order']).toEqual(['applicant', 'contacts', 'activity', 'ipExtra', 'consent']);
    expect(ui.applicant['ui:order']).toEqual(['kind', 'name', 'inn', 'ogrn', 'ogrnip', 'snils', 'founded']);
    expect(ui.applicant.kind['ui:enumNames']).toEqual({ ul: 'Юридическое лицо', ip: 'Индивидуальный предприниматель' });
    expect(ui.activity.comment).toEqual({ 'ui:help': 'Необязательно', 'ui:widget': 'textarea' });
    expect(ui.activity.addresses.items.scan).toEqual({ 'ui:widget': 'attachments', 'ui:options': { accept: '.pdf,.jpg', formats: ['pdf', 'jpg'], maxFileSizeMb: 20, maxFiles: 10 } });
    expect(ui.contacts.address['ui:order']).toEqual(['index', 'city']);
  });

  it('lists every visibleWhen by path, with the rules the browser needs', () => {
    expect(compiled.conditions).toEqual({
      'applicant.ogrn': 'isUl',
      'applicant.ogrnip': 'isIp',
      'contacts.address': 'wantsDelivery',
      ipExtra: 'isIp',
    });
    expect(Object.keys(compiled.rules).sort()).toEqual(['isIp', 'isUl', 'wantsDelivery']);
    expect(compiled.rules.isUl).toEqual({ '==': [{ var: 'submission.applicant.kind' }, 'ul'] });
  });

  it('turns grounds into a choice of the refusal group’s grounds', () => {
    const grounds = (compileForm(region, 'decide').schema as any).properties.decision.properties.grounds;
    expect(grounds).toMatchObject({
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: {
        enum: ['falseData', 'mismatch'],
        oneOf: [
          { const: 'falseData', title: 'Наличие недостоверной информации' },
          { const: 'mismatch', title: 'Несоответствие лицензионным требованиям' },
        ],
      },
    });
  });

  it('reports config mistakes', () => {
    const broken = (field: object) =>
      makeRegion({ forms: [{ id: 'f', title: 'Ф', sections: [{ id: 's', title: 'С', fields: [field as any] }] }] });
    const message = (r: ReturnType<typeof makeRegion>) => {
      try {
        compileForm(r, 'f');
      } catch (e) {
        expect(isReglamentError(e)).toBe(true);
        return (e as Error).message;
      }
      return '';
    };
    expect(message(broken({ id: 'g', type: 'grounds', title: 'О', group: 'nope' }))).toMatch(/unknown refusal group "nope"/);
    expect(message(broken({ id: 'e', type: 'enum', title: 'В', options: [{ value: 'a', title: 'А' }, { value: 'a', title: 'Б' }] }))).toMatch(/listed twice/);
    expect(message(broken({ id: 'x', type: 'string', title: 'Х', visibleWhen: 'nope' }))).toMatch(/unknown rule "nope"/);
    expect(message(broken({ id: 'l', type: 'list', title: 'Л' }))).toMatch(/needs fields/);
    expect(() => compileForm(region, 'nope')).toThrow(NotFoundError);
  });
});

describe('createFormValidator', () => {
  it('accepts a complete application', () => {
    expect(validate(valid())).toEqual([]);
  });

  it('reports bad checksums and shapes by field title', () => {
    expect(check((d) => (d.applicant.inn = '7707083894'))).toEqual([
      { path: 'applicant.inn', keyword: 'format', message: '«ИНН»: неверная контрольная сумма' },
    ]);
    expect(check((d) => (d.applicant.ogrn = '1027700132194'))).toEqual([
      { path: 'applicant.ogrn', keyword: 'format', message: '«ОГРН»: неверная контрольная сумма' },
    ]);
    expect(check((d) => (d.applicant.snils = '112-233-445 96'))[0].message).toBe('«СНИЛС»: неверная контрольная сумма');
    expect(check((d) => (d.applicant.inn = '12345'))[0].message).toBe(
      '«ИНН»: ИНН состоит из 10 (организация) или 12 (физическое лицо) цифр',
    );
    expect(check((d) => (d.contacts.phone = '8 921 123-45-67'))[0]).toMatchObject({ path: 'contacts.phone', keyword: 'format' });
    expect(check((d) => (d.contacts.email = 'info@'))[0].message).toBe('«Электронная почта»: неверный адрес электронной почты');
    expect(check((d) => (d.applicant.founded = '2025-02-30'))[0].message).toBe('«Дата регистрации»: неверная дата (ожидается ГГГГ-ММ-ДД)');
  });

  it('reports missing and empty required fields and missing sections', () => {
    expect(check((d) => delete (d.contacts as any).phone)).toEqual([
      { path: 'contacts.phone', keyword: 'required', message: '«Телефон»: обязательное поле' },
    ]);
    expect(check((d) => (d.applicant.name = ''))).toEqual([
      { path: 'applicant.name', keyword: 'minLength', message: '«Наименование»: обязательное поле' },
    ]);
    expect(check((d) => delete (d as any).consent)).toEqual([
      { path: 'consent', keyword: 'required', message: 'Заполните раздел «Согласие»' },
    ]);
  });

  it('reports types, limits, enums, patterns and the consent box', () => {
    expect(check((d) => ((d.activity as any).employees = 'много'))[0].message).toBe('«Численность работников»: ожидается целое число');
    expect(check((d) => (d.activity.area = -1))[0].message).toBe('«Площадь, м²»: не меньше 0');
    expect(check((d) => (d.contacts.address.index = '16000'))).toEqual([
      { path: 'contacts.address.index', keyword: 'pattern', message: '«Индекс»: не соответствует требуемому формату' },
    ]);
    // One message for a bad option, not the enum error plus one per oneOf branch.
    expect(check((d) => (d.activity.kinds = ['gold']))).toEqual([
      { path: 'activity.kinds.0', keyword: 'enum', message: '«Виды работ»: выберите значение из списка' },
    ]);
    expect(check((d) => (d.activity.kinds = ['ferrous', 'ferrous']))[0].message).toBe('«Виды работ»: значения не должны повторяться');
    expect(check((d) => (d.consent.agree = false))).toEqual([
      { path: 'consent.agree', keyword: 'const', message: '«Согласие на обработку персональных данных»: необходимо отметить' },
    ]);
    expect(check((d) => (d.contacts.address.city = 'В'.repeat(101)))[0].message).toBe('«Город»: не длиннее 100 символов');
  });

  it('checks list items and attachments', () => {
    expect(check((d) => (d.activity.addresses = []))[0]).toEqual({
      path: 'activity.addresses',
      keyword: 'minItems',
      message: '«Места осуществления деятельности»: выберите или добавьте не меньше 1 элемента',
    });
    expect(check((d) => d.activity.addresses.push({ scan: pdf } as any))).toEqual([
      { path: 'activity.addresses.1.address', keyword: 'required', message: '«Адрес»: обязательное поле' },
    ]);
    // A file field holds references to uploads (the upload route checked the file itself), at most maxFiles of them.
    expect(check((d) => (d.activity.addresses[0].scan = 'договор.pdf' as any))).toEqual([
      { path: 'activity.addresses.0.scan', keyword: 'type', message: '«Документ о праве на объект»: ожидается список' },
    ]);
    expect(check((d) => (d.activity.addresses[0].scan = Array.from({ length: 11 }, () => pdf[0])))).toEqual([
      { path: 'activity.addresses.0.scan', keyword: 'maxItems', message: '«Документ о праве на объект»: не больше 10 файлов' },
    ]);
    expect(check((d) => (d.activity.addresses[0].scan = [{ id: '../../etc/passwd', name: 'x.pdf' }])).map((e) => e.path)).toEqual(['activity.addresses.0.scan.0.id']);
  });

  it('refuses unknown keys and prototype keys, even JSON-parsed ones', () => {
    expect(check((d) => ((d.applicant as any).role = 'admin'))).toEqual([
      { path: 'applicant.role', keyword: 'additionalProperties', message: '«role»: такого поля нет в форме' },
    ]);
    const parsed = JSON.parse(JSON.stringify(valid()).replace('"kind":"ul"', '"__proto__":{"isAdmin":true},"kind":"ul"'));
    expect(Object.hasOwn(parsed.applicant, '__proto__')).toBe(true);
    expect(validate(parsed)).toEqual([
      { path: 'applicant.__proto__', keyword: 'additionalProperties', message: '«__proto__»: недопустимое имя поля' },
    ]);
    expect(validate(JSON.parse('{"constructor": {"prototype": {}}}'))).toEqual([
      { path: 'constructor', keyword: 'additionalProperties', message: '«constructor»: недопустимое имя поля' },
    ]);
  });

  it('requires a visible conditional section or field and refuses a hidden one', () => {
    // An individual entrepreneur: ОГРНИП instead of ОГРН, and the ИП section appears.
    const ip = (change: (d: any) => void = () => {}) =>
      check((d: any) => {
        d.applicant.kind = 'ip';
        delete d.applicant.ogrn;
        d.applicant.ogrnip = '304500116000157';
        change(d);
      });
    expect(ip()).toEqual([{ path: 'ipExtra', keyword: 'required', message: 'Заполните раздел «Сведения об ИП»' }]);
    expect(ip((d) => (d.ipExtra = { passport: '1900 123456' }))).toEqual([]);
    expect(ip((d) => (d.ipExtra = {}))).toEqual([
      { path: 'ipExtra.passport', keyword: 'required', message: '«Паспорт»: обязательное поле' },
    ]);
    // A legal entity filling in the ИП section and ОГРНИП.
    expect(check((d: any) => (d.ipExtra = { passport: '1900 123456' }))).toEqual([
      { path: 'ipExtra', keyword: 'visibleWhen', message: 'Раздел «Сведения об ИП» в вашем случае не заполняется' },
    ]);
    expect(check((d: any) => (d.applicant.ogrnip = '304500116000157'))).toEqual([
      { path: 'applicant.ogrnip', keyword: 'visibleWhen', message: '«ОГРНИП»: это поле в вашем случае не заполняется' },
    ]);
    expect(check((d: any) => delete d.applicant.ogrn)).toEqual([
      { path: 'applicant.ogrn', keyword: 'required', message: '«ОГРН»: обязательное поле' },
    ]);
    // The postal address group follows the delivery check-box.
    expect(check((d: any) => delete d.contacts.address)).toEqual([
      { path: 'contacts.address', keyword: 'required', message: '«Почтовый адрес»: обязательное поле' },
    ]);
    expect(check((d: any) => (d.contacts.delivery = false))).toEqual([
      { path: 'contacts.address', keyword: 'visibleWhen', message: '«Почтовый адрес»: это поле в вашем случае не заполняется' },
    ]);
  });

  it('says what the data should be when it is not an object', () => {
    expect(validate(null)).toEqual([
      { path: '', keyword: 'type', message: '«Заявление о предоставлении лицензии»: ожидается набор полей' },
    ]);
  });

  it('reads a task form’s own data as payload', () => {
    const decide = createFormValidator(region, 'decide');
    expect(decide({ decision: { outcome: 'grant' } })).toEqual([]);
    expect(decide({ decision: { outcome: 'refuse' } })).toEqual([
      { path: 'decision.grounds', keyword: 'required', message: '«Основания отказа»: обязательное поле' },
    ]);
    expect(decide({ decision: { outcome: 'refuse', grounds: ['mismatch'] } })).toEqual([]);
    expect(decide({ decision: { outcome: 'refuse', grounds: [] } })[0].message).toBe(
      '«Основания отказа»: выберите или добавьте не меньше 1 элемента',
    );
    expect(decide({ decision: { outcome: 'refuse', grounds: ['other'] } })[0]).toMatchObject({ path: 'decision.grounds.0', keyword: 'enum' });
    expect(decide({ decision: { outcome: 'grant', grounds: ['mismatch'] } })[0].keyword).toBe('visibleWhen');
  });
});
