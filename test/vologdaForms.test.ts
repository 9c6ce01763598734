/**
 * Vologda's forms where the text asks more than a schema of independent fields: Appendix 1 §§5, 6, 11
 * may not be filed empty; Appendix 4 needs an e-mail address only when the answer goes by e-mail
 * (3.5.1.3); Appendix 3 asks for none of the documents of 2.7.1; the signature check knows the tool
 * classes of 2.15. The folder is read through the loader and the engine's own validators.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatLoadError } from '../config/loader/LoadError.ts';
import { loadRegion } from '../config/loader/loadRegion.ts';
import type { RegionConfig } from '../config/types/RegionConfig.ts';
import { Engine } from '../engine/Engine.ts';
import { createFormValidator } from '../engine/forms/createFormValidator.ts';
import { memoryStore } from '../engine/store/memoryStore.ts';
import { asReferences, storePending } from './helpers/storedFiles.ts';
import { file } from './server/harness.ts';
import { grantSubmission, infoSubmission, terminateSubmission } from './server/vologdaData.ts';

const DIR = fileURLToPath(new URL('../regions/vologda', import.meta.url));
let config: RegionConfig;
beforeAll(async () => {
  const result = await loadRegion(DIR);
  if (!result.ok) throw new Error(result.errors.map(formatLoadError).join('\n'));
  config = result.config;
});

const errorsOf = (formId: string, data: unknown) => createFormValidator(config, formId)(data);

describe('Appendix 1: §§5, 6 and 11 may not be filed empty', () => {
  it('refuses each empty section by its path, naming both lists (or both payment entries)', () => {
    const errors = errorsOf('grant-application', asReferences({ ...grantSubmission(), land: {}, buildings: { registered: [] }, payment: { amount: 7500 } }));
    expect(errors.map((e) => [e.path, e.keyword])).toEqual([
      ['land', 'atLeastOne'],
      ['buildings', 'atLeastOne'],
      ['payment', 'atLeastOne'],
    ]);
    expect(errors[0].message).toBe(
      'Раздел «Сведения о правах на земельный участок»: заполните хотя бы одно из полей «Земельные участки, права на которые зарегистрированы в ЕГРН» или «Земельные участки, права на которые не зарегистрированы в ЕГРН»',
    );
    expect(errors[2].message).toContain('«Номер платежного документа» или «Документ об оплате государственной пошлины (по желанию заявителя)»');
  });

  it('accepts an entry in either list, and the payment document in place of its number', () => {
    expect(errorsOf('grant-application', asReferences(grantSubmission()))).toEqual([]);
    const withReceipt = asReferences({ ...grantSubmission(), payment: { receipt: file('receipt.pdf') } });
    expect(errorsOf('grant-application', withReceipt)).toEqual([]);
  });
});

describe('Appendix 4: the e-mail address is needed only for an answer by e-mail (3.5.1.3)', () => {
  const submission = (request: Record<string, unknown>) => ({ ...infoSubmission('2025-0001'), applicant: { kind: 'person', name: 'Петров Петр Петрович', address: 'г. Череповец' }, request });

  it('files an answer to the ЕПГУ account with no e-mail address at all', () => {
    expect(errorsOf('info-application', submission({ infoKind: 'extract', deliveryMethod: 'personalAccount' }))).toEqual([]);
  });

  it('requires the address, at request.email, when the answer goes by e-mail', () => {
    const errors = errorsOf('info-application', submission({ infoKind: 'extract', deliveryMethod: 'email' }));
    expect(errors).toEqual([expect.objectContaining({ path: 'request.email', keyword: 'required' })]);
    expect(errorsOf('info-application', submission({ infoKind: 'extract', deliveryMethod: 'email', email: 'petrov@example.ru' }))).toEqual([]);
  });
});

describe('Appendix 3 asks for no 2.7.1 document; the Department requests them itself', () => {
  it('has no extract field, and refuses one sent anyway', () => {
    const fields = config.forms['terminate-application'].sections.flatMap((s) => s.fields.map((f) => `${s.id}.${f.id}`));
    expect(fields.filter((f) => /egrul|egrip|egrn|receipt/i.test(f))).toEqual([]);
    const errors = errorsOf('terminate-application', { ...terminateSubmission('2025-0001'), applicant: { ...terminateSubmission('2025-0001').applicant, egrulExtract: 'data:application/pdf;name=e.pdf;base64,JVBERi0=' } });
    expect(errors.map((e) => e.path)).toEqual(['applicant.egrulExtract']);
  });

  it('lets the officer request ЕГРЮЛ data while drafting the order, the head sign the requests, and the answers come back to the draft', async () => {
    const engine = new Engine({ regions: [config], store: memoryStore(), clock: { now: () => new Date('2025-03-03T10:00:00+03:00') } });
    const applicant = { userId: 'a', region: 'vologda', roles: ['applicant'] };
    const officer = { userId: 'o', region: 'vologda', roles: ['officer'] };
    const head = { userId: 'h', region: 'vologda', roles: ['head'] };
    const { application } = await engine.startApplication('vologda', 'terminate', terminateSubmission('2025-0001'), applicant);
    await engine.send(application.id, 'REGISTER', undefined, officer);
    let view = await engine.send(application.id, 'SUBMIT_REQUESTS', { requests: { items: [{ recipient: 'fnsEgrul', channel: 'smev' }] } }, officer);
    expect(view.step).toMatchObject({ id: 'interagencySigning', role: 'head' });
    await expect(engine.send(application.id, 'SIGN_REQUESTS', undefined, officer)).rejects.toThrow(/роль/);
    await engine.send(application.id, 'SIGN_REQUESTS', undefined, head);
    view = await engine.send(application.id, 'RECORD_RESPONSES', { responses: { items: [{ recipient: 'fnsEgrul', receivedOn: '2025-03-04', summary: 'Сведения ЕГРЮЛ получены' }] } }, officer);
    expect(view.step.id).toBe('orderDraft');
  });
});

describe('2.15: the classes of signature tools', () => {
  const applicant = { userId: 'a', region: 'vologda', roles: ['applicant'] };
  const officer = { userId: 'o', region: 'vologda', roles: ['officer'] };

  async function checked(signature: Record<string, unknown>) {
    const store = memoryStore();
    const e = new Engine({ regions: [config], store, clock: { now: () => new Date('2025-03-03T10:00:00+03:00') } });
    const submission = await storePending(store, config, { service: 'grant', form: 'grant-application' }, grantSubmission(), applicant.userId);
    const { application } = await e.startApplication('vologda', 'grant', submission, applicant);
    await e.send(application.id, 'REGISTER', undefined, officer);
    return e.send(application.id, 'CHECK_SIGNATURE', { signature: { checkedOn: '2025-03-03', ...signature } }, officer);
  }

  it('offers exactly КС2, КС3, КВ1, КВ2, КА1 as allowed classes', () => {
    const field = config.forms['signature-check'].sections[0].fields.find((f) => f.id === 'toolClass')!;
    expect(field.options!.filter((o) => o.value !== 'other').map((o) => o.title)).toEqual(['КС2', 'КС3', 'КВ1', 'КВ2', 'КА1']);
  });

  it('refuses to accept a qualified signature made with another class (2.9.1), whatever the officer ticked as the result', async () => {
    const view = await checked({ signatureKind: 'qualified', toolClass: 'other', result: 'valid' });
    expect(view.step.id).toBe('acceptRefusalDraft');
  });

  it('goes on with an allowed class, and asks the class only of a qualified signature', async () => {
    expect((await checked({ signatureKind: 'qualified', toolClass: 'KA1', result: 'valid' })).step.id).not.toBe('acceptRefusalDraft');
    await expect(checked({ signatureKind: 'qualified', result: 'valid' })).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'signature.toolClass' })] });
    await expect(checked({ signatureKind: 'simple', toolClass: 'KS2', result: 'valid' })).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'signature.toolClass', keyword: 'visibleWhen' })] });
  });
});
