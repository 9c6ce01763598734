/**
 * A licence granted through the browser, end to end on regions/vologda: the applicant files the
 * generated application form (one ИНН with a wrong checksum, corrected after the message), the officer
 * and the head take every step of the procedure in their task forms, and the public registry shows the
 * new licence. Screenshots of each page go to test-results/screenshots/.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLeasedSiteAndBuilding } from './grantForm.ts';
import { ensureRendererBuilt, launchBrowser, screenshot, signIn, startApp, VOLOGDA, type Browser, type RunningApp } from './harness.ts';

let app: RunningApp;
let browser: Browser;
let applicationUrl = '';
let licence = '';

const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4 ${name}`) });
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startApp([VOLOGDA]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Chooses a file for the file field whose input has `id` and waits until it is uploaded and listed. */
async function attach(page: Page, id: string, file: ReturnType<typeof pdf>) {
  await page.locator(`#${id}`).setInputFiles(file);
  await page.locator(`[id="${id}__group"] .attachment-list`, { hasText: file.name }).waitFor();
}

/** A page that fails the test on any script error or console error. */
async function watchedPage(width?: number, height?: number): Promise<Page> {
  const page = await browser.newPage(width, height);
  page.on('pageerror', (e) => {
    throw e;
  });
  return page;
}

describe('an applicant files a licence application', () => {
  it('fills the generated form, corrects a wrong ИНН after the message, sees the fee and files it', async () => {
    const page = await watchedPage();
    await signIn(page, app.url, 'applicant@vologda');
    await page.getByRole('link', { name: 'Подать заявление: Предоставление лицензии' }).click();
    await page.waitForSelector('form.generated-form');
    await screenshot(page, '01-applicant-empty-form');

    await page.getByLabel('Заявитель', { exact: false }).first().selectOption({ label: 'Юридическое лицо' });
    await page.locator('#application_applicant_name').fill('ООО «Вологдавторчермет»');
    const inn = page.locator('#application_applicant_inn');
    await inn.fill('7707083890');
    await expect.poll(() => page.locator('#application_applicant_inn__check').textContent()).toContain('Контрольное число ИНН не сходится');
    // ОГРН appears only for a legal entity (visibleWhen: isLegalEntity).
    await page.locator('#application_applicant_ogrn').fill('1027700132195');
    await page.locator('#application_applicant_address').fill('г. Вологда, ул. Мира, д. 1');
    await page.locator('#application_applicant_phone').fill('+7 (8172) 72-00-00');
    await page.locator('#application_applicant_email').fill('info@vtorchermet.example');

    // The equipment section for ferrous scrap appears once that kind of work is ticked.
    expect(await page.locator('#application_equipmentFerrous').count()).toBe(0);
    await page.getByLabel('Заготовка, хранение, переработка и реализация лома черных металлов').check();
    await expect.poll(() => page.locator('#application_equipmentFerrous').count()).toBe(1);

    await page.locator('#application_addresses_places_0_address').fill('г. Вологда, ул. Промышленная, д. 5');
    await page.locator('#application_equipmentFerrous_items_0_name').fill('Пресс-ножницы');
    await page.locator('#application_equipmentFerrous_items_0_quantity').fill('1');
    await page.locator('#application_equipmentFerrous_items_0_address').fill('г. Вологда, ул. Промышленная, д. 5');
    await page.locator('#application_equipmentFerrous_items_0_right').selectOption({ label: 'Право собственности' });
    await attach(page, 'application_equipmentFerrous_items_0_documents', pdf('press.pdf'));
    await page.locator('#application_staff_employees_0_fullName').fill('Иванов Иван Иванович');
    await page.locator('#application_staff_employees_0_position').fill('Контролер лома');
    await page.locator('#application_staff_employees_0_qualification').fill('Аттестован в 2024 году');
    await attach(page, 'application_staff_employees_0_documents', pdf('attestation.pdf'));
    await attach(page, 'application_staff_controlAppointment', pdf('order-control.pdf'));
    await page.getByLabel('Дополнительно получить выписку из реестра лицензий').check();
    // Appendix 1 §11: the payment document's number (§§5 and 6 are filled in after the first refusal below).
    await page.locator('#application_payment_number').fill('1203');

    // Fee and expected decision date before sending.
    await expect.poll(() => page.locator('.quote').textContent()).toMatch(/7\s500\s₽/);

    // Going on with the wrong ИНН: the error stands next to the field and in the summary.
    await page.getByRole('button', { name: 'Продолжить' }).click();
    const fieldError = page.locator('#application_applicant_inn__error');
    await expect.poll(() => fieldError.textContent()).toContain('Контрольное число ИНН не сходится');
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('ИНН');
    await inn.scrollIntoViewIfNeeded();
    await screenshot(page, '02-applicant-inn-error', { fullPage: false });

    // §§5 and 6 may not be filed empty (atLeastOne): the browser says so before sending, as the server would.
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Раздел «Сведения о правах на земельный участок»: заполните хотя бы одно из полей');
    await screenshot(page, '02b-applicant-land-section-error');
    await addLeasedSiteAndBuilding(page, (id, section) => page.locator(`#${id}`).setInputFiles(pdf(`lease-${section}.pdf`)));

    await inn.fill('7707083893');
    await expect.poll(() => fieldError.count()).toBe(0);
    await screenshot(page, '03-applicant-form-filled');
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('heading', { name: 'Проверьте ответы перед подачей заявления' }).waitFor();
    await screenshot(page, '03b-applicant-check-answers');
    await page.getByRole('button', { name: 'Подать заявление' }).click();
    await page.waitForURL(/#\/applications\//);
    await page.getByRole('heading', { name: 'История' }).waitFor();
    applicationUrl = page.url();
    const summary = await page.locator('.step-summary').textContent();
    expect(summary).toContain('Прием и регистрация заявления и документов');
    expect(summary).toMatch(/7\s500\s₽/);
    expect(await page.locator('.timeline').textContent()).toContain('Заявление подано');
    // Before the decision the applicant may withdraw it (3.1.5).
    expect(await page.getByRole('button', { name: 'Оставить заявление без рассмотрения', exact: true }).count()).toBe(1);
    await screenshot(page, '04-applicant-application-page');

    // It is listed under "Мои заявления".
    await page.getByRole('link', { name: 'Мои заявления' }).click();
    await page.getByRole('heading', { name: 'Мои заявления' }).waitFor();
    const filed = page.locator('section[aria-labelledby="filed-title"] .cards');
    await filed.locator('.card').first().waitFor();
    expect(await filed.textContent()).toContain('Предоставление лицензии');
    // Filing used up the draft the form was saved as.
    expect(await page.locator('#drafts-title').count()).toBe(0);

    // The form and the application's page fit a phone's width.
    const phone = await watchedPage(375, 800);
    await signIn(phone, app.url, 'applicant@vologda');
    await phone.goto(`${app.url}/#/r/vologda/apply/grant`);
    await phone.locator('form.generated-form').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.goto(applicationUrl);
    await phone.getByRole('heading', { name: 'История' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(phone, '05-applicant-application-phone');
  });
});

/** Fills a task form: each entry is a label and the value for its input, select or file chooser. */
async function fillTask(task: Locator, values: readonly [string, string | { option: string } | { file: string }][]) {
  for (const [label, value] of values) {
    const field = task.getByLabel(label, { exact: false }).first();
    if (typeof value === 'string') await field.fill(value);
    else if ('option' in value) await field.selectOption({ label: value.option });
    else await field.setInputFiles(pdf(value.file));
  }
}

describe('the officer and the head take it to the decision', () => {
  const signingForm = (number: string): [string, string][] => [
    ['Номер', number],
    ['Дата подписания', today],
    ['Фамилия и инициалы', 'А. С. Петрова'],
    ['Серийный номер сертификата', '01DA5F3C004AB1'],
    ['Владелец сертификата', 'Петрова Анна Сергеевна'],
    ['Удостоверяющий центр, выдавший сертификат', 'Казначейство России'],
    ['Сертификат действителен с', '2024-11-01'],
    ['Сертификат действителен по', '2026-12-31'],
  ];
  const steps: [role: 'officer' | 'head', action: string, values: Parameters<typeof fillTask>[1]][] = [
    ['officer', 'Зарегистрировать и принять к рассмотрению', []],
    [
      'officer',
      'Внести результат проверки электронной подписи',
      [
        ['Вид электронной подписи', { option: 'Усиленная квалифицированная электронная подпись' }],
        ['Класс средства электронной подписи', { option: 'КС2' }],
        ['Условия признания действительности электронной подписи', { option: 'Соблюдены' }],
        ['Дата окончания проверки', today],
      ],
    ],
    ['officer', 'Направить на подпись межведомственные запросы', [['Орган и запрашиваемые сведения', { option: 'ФНС России — выписка из ЕГРЮЛ' }], ['Способ направления', { option: 'Электронный документ через единую систему межведомственного электронного взаимодействия (подписывается УКЭП начальника Департамента)' }]]],
    ['head', 'Подписать межведомственные запросы', []],
    ['officer', 'Внести ответы на межведомственные запросы', [['Орган и запрошенные сведения', { option: 'ФНС России — выписка из ЕГРЮЛ' }], ['Дата получения ответа', today], ['Полученные сведения', 'Выписка из ЕГРЮЛ получена']]],
    ['officer', 'Внести результат проверки полноты и достоверности сведений', [['Результат', { option: 'Полнота и достоверность сведений установлены' }]]],
    [
      'officer',
      'Направить на подпись проект приказа о проведении оценки',
      [
        ['Форма оценки', { option: 'Выездная оценка' }],
        ['Дата начала проведения оценки', today],
        ['Дата окончания проведения оценки', today],
        ['Адрес', 'г. Вологда, ул. Промышленная, д. 5'],
        ['Должностные лица, уполномоченные на проведение оценки', 'Сидоров С. С.'],
      ],
    ],
    ['head', 'Подписать приказ о проведении оценки', signingForm('45-о')],
    ['officer', 'Уведомить заявителя о дате и месте проведения оценки', []],
    ['officer', 'Оформить акт оценки', [['Дата проведения оценки и оформления акта', today], ['Форма проведенной оценки', { option: 'Выездная оценка' }], ['Вывод', { option: 'Заявитель соответствует лицензионным требованиям' }]]],
    ['officer', 'Направить на подпись проект приказа о предоставлении (об отказе в предоставлении) лицензии', [['Проект решения', { option: 'О предоставлении лицензии' }]]],
    ['head', 'Подписать приказ', signingForm('123-л')],
    ['officer', 'Направить заявителю уведомление о принятом решении', []],
  ];

  it('finds the application in the inbox at its first step', async () => {
    const page = await watchedPage();
    await signIn(page, app.url, 'officer@vologda');
    await page.waitForURL(/#\/r\/vologda\/inbox/);
    await page.locator('table.inbox').waitFor();
    expect(await page.locator('table.inbox tbody tr').count()).toBe(1);
    expect(await page.locator('table.inbox').textContent()).toContain('Прием и регистрация заявления и документов');
    await screenshot(page, '06-officer-inbox');
    await page.locator('table.inbox tbody a').first().click();
    await page.waitForURL(/#\/applications\//);
    expect(page.url()).toBe(applicationUrl);
  });

  it('takes every step in its task form, each by the responsible role; a stale page gets the conflict message', async () => {
    const pages = { officer: await watchedPage(), head: await watchedPage() };
    await signIn(pages.officer, app.url, 'officer@vologda');
    await signIn(pages.head, app.url, 'head@vologda');
    // A second officer has the application open at its first step too.
    const stale = await watchedPage();
    await signIn(stale, app.url, 'officer@vologda');
    await stale.goto(applicationUrl);
    const [, firstAction] = steps[0];
    await stale.getByRole('button', { name: firstAction, exact: true }).click();
    let shot = 8;
    for (const [role, action, values] of steps) {
      const page = pages[role];
      await page.goto(applicationUrl);
      await page.reload();
      const button = page.getByRole('button', { name: action, exact: true });
      await button.click();
      const task = page.locator('section.task');
      await task.waitFor();
      await task.locator('form, .form-actions').first().waitFor();
      await fillTask(task, values);
      if (shot <= 10) await screenshot(page, `${String(shot++).padStart(2, '0')}-${role}-task-form`);
      const version = await page.locator('.timeline li').count();
      await task.getByRole('button', { name: values.length > 0 ? action : `Подтвердить: ${action}`, exact: true }).click();
      await expect.poll(() => page.locator('.timeline li').count(), { message: `${action} by ${role}` }).toBe(version + 1);
      if (action === 'Подписать приказ') {
        // The licence order is signed: the applicant is no longer offered withdrawal, and reads why (3.1.5).
        const applicant = await watchedPage();
        await signIn(applicant, app.url, 'applicant@vologda');
        await applicant.goto(applicationUrl);
        const unavailable = applicant.locator('.unavailable-actions');
        await unavailable.waitFor();
        expect(await unavailable.textContent()).toMatch(/Оставить заявление без рассмотрения — недоступно\..*до принятия решения по заявлению \(п\. 3\.1\.5\)/);
        expect(await applicant.getByRole('button', { name: 'Оставить заявление без рассмотрения', exact: true }).count()).toBe(0);
        await screenshot(applicant, '11-applicant-withdrawal-unavailable');
        await applicant.close();
      }
      if (action === firstAction) {
        // Registered: the application reaches the officer and the phase of 3.2.2 opens, with its own limit.
        await expect.poll(() => page.locator('.step-summary').textContent()).toMatch(/Рассмотрение заявления, принятие решения о предоставлении лицензии и уведомление заявителя \(п\. 3\.2\.2\.11\)до \d{1,2} [а-я]+ \d{4} г\./);
        await screenshot(page, '07-officer-phase-due');
        // The second officer's click now meets a newer version: 409, and the page says so.
        await stale.getByRole('button', { name: `Подтвердить: ${action}`, exact: true }).click();
        await expect.poll(() => stale.getByRole('alert').textContent()).toContain('изменено другим пользователем');
        await screenshot(stale, '07-officer-version-conflict');
      }
    }
    const page = pages.officer;
    const summary = await page.locator('.step-summary').textContent();
    expect(summary).toContain('Лицензия предоставлена');
    licence = (await page.locator('.step-summary dd').last().textContent())!.trim();
    expect(licence).not.toBe('');
    expect(await page.locator('.documents').textContent()).toContain('Уведомление');
    await screenshot(page, '11-officer-granted');

    // A document opens in the printable view.
    await page.locator('.documents a').first().click();
    await page.waitForURL(/#\/documents\//);
    await page.locator('iframe.document-frame').waitFor();
    await screenshot(page, '12-document');
  });

  it('shows the procedure diagram with the current step highlighted', async () => {
    const page = await watchedPage();
    await page.goto(`${app.url}/#/r/vologda/config?tab=procedures&service=grant&step=completeness`);
    await page.locator('.diagram-scroll svg').waitFor({ timeout: 30_000 });
    expect(await page.locator('.diagram-scroll svg g.current, .diagram-scroll svg .current').count()).toBeGreaterThan(0);
    // The long diagram opens at the current step: its box is inside the visible frame.
    const inFrame = async () => {
      const frame = (await page.locator('.diagram-scroll').boundingBox())!;
      const node = (await page.locator('.diagram-scroll svg .current').first().boundingBox())!;
      return node.y >= frame.y && node.y + node.height <= frame.y + frame.height && node.x + node.width > frame.x && node.x < frame.x + frame.width;
    };
    // Centred a frame after the drawing is laid out: on a loaded machine that can take longer than
    // expect.poll's default second, so wait for the condition itself, up to the selector's bound.
    await expect.poll(inFrame, { timeout: 30_000 }).toBe(true);
    // «Крупнее» zooms in: the step's box grows.
    const before = (await page.locator('.diagram-scroll svg .current').first().boundingBox())!.width;
    await page.getByRole('button', { name: 'Крупнее' }).click();
    await expect.poll(async () => (await page.locator('.diagram-scroll svg .current').first().boundingBox())!.width).toBeGreaterThan(before);
    expect(await page.locator('tr[aria-current="step"]').textContent()).toContain('Проверка полноты и достоверности сведений');
    await screenshot(page, '13-coordinator-procedure');
  });
});

describe('the registry', () => {
  it('finds the new licence by ИНН and shows its page with the extract link', async () => {
    const page = await watchedPage();
    await page.goto(`${app.url}/#/r/vologda/registry`);
    await page.getByLabel('Искать по').selectOption({ label: 'ИНН' });
    await page.getByLabel('Значение (точное совпадение)').fill('7707083893');
    await page.getByRole('button', { name: 'Найти' }).click();
    await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('Найдено лицензий: 1');
    await screenshot(page, '14-registry-search');
    await page.getByRole('link', { name: licence }).click();
    await page.getByRole('heading', { name: `Лицензия ${licence}` }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('ООО «Вологдавторчермет»');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    const extract = await page.getByRole('link', { name: /Выписка из реестра/ }).getAttribute('href');
    const res = await fetch(`${app.url}${extract}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(licence);
    await screenshot(page, '15-licence');
  });
});
