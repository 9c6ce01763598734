/**
 * Section V in the browser, on regions/vologda: the applicant files a complaint through the generated
 * form, choosing the application it is about among their own; the officer refuses to consider it on a
 * ground of 5.11 and the head signs; a second complaint is taken for consideration, the officer asks for
 * more information, the applicant answers on the complaint's page, and the complaint is decided, signed
 * and notified. The licence application the complaints are about is filed through the API.
 */
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { complaintSubmission } from '../server/vologdaComplaint.ts';
import { grantSubmission } from '../server/vologdaData.ts';
import { uploadPending } from '../helpers/uploadPending.ts';
import { ensureRendererBuilt, launchBrowser, screenshot, signIn, startApp, VOLOGDA, type Browser, type RunningApp } from './harness.ts';

let app: RunningApp;
let browser: Browser;
let grant: { id: string; number: string };
const today = new Date().toISOString().slice(0, 10);

async function token(login: string): Promise<string> {
  const res = await request(app.url).post('/api/auth/login').send({ login, password: login.split('@')[0] });
  return res.body.token as string;
}

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startApp([VOLOGDA]);
  browser = await launchBrowser();
  const submission = await uploadPending(app.url, 'applicant@vologda', 'vologda', 'grant', grantSubmission());
  const filed = await request(app.url).post('/api/regions/vologda/services/grant/applications').set('Authorization', `Bearer ${await token('applicant@vologda')}`).send({ submission });
  expect(filed.status).toBe(201);
  grant = { id: filed.body.application.id, number: filed.body.application.number };
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Pages a test opened, closed after it: every page keeps a live-update stream open, and the pages share one browser profile, whose six connections per host they would otherwise use up. */
const opened: Page[] = [];
afterEach(async () => {
  for (const page of opened.splice(0)) await page.close();
});

async function watchedPage(): Promise<Page> {
  const page = await browser.newPage();
  opened.push(page);
  page.on('pageerror', (e) => {
    throw e;
  });
  return page;
}

/** Fills a task form: each entry is a label and the value for its input, select or check-box. */
async function fillTask(task: Locator, values: readonly [string, string | { option: string } | { check: true }][]) {
  for (const [label, value] of values) {
    const field = task.getByLabel(label, { exact: false }).first();
    if (typeof value === 'string') await field.fill(value);
    else if ('option' in value) await field.selectOption({ label: value.option });
    else await field.check();
  }
}

/** Opens the application page as `page`'s user, takes `action` in its task form, and waits for the history to grow. */
async function take(page: Page, url: string, action: string, values: Parameters<typeof fillTask>[1], shot?: string) {
  await page.goto(url);
  await page.reload();
  await page.getByRole('button', { name: action, exact: true }).click();
  const task = page.locator('section.task');
  await task.waitFor();
  await task.locator('form, .form-actions').first().waitFor();
  await fillTask(task, values);
  if (shot) await screenshot(page, shot);
  const before = await page.locator('.timeline li').count();
  await task.getByRole('button', { name: values.length > 0 ? action : `Подтвердить: ${action}`, exact: true }).click();
  await expect.poll(() => page.locator('.timeline li').count(), { message: action }).toBe(before + 1);
}

const signing: [string, string][] = [
  ['Номер', '5-ж'],
  ['Дата подписания', today],
  ['Фамилия и инициалы', 'А. С. Петрова'],
  ['Серийный номер сертификата', '01DA5F3C004AB1'],
  ['Владелец сертификата', 'Петрова Анна Сергеевна'],
  ['Удостоверяющий центр, выдавший сертификат', 'Казначейство России'],
  ['Сертификат действителен с', '2024-11-01'],
  ['Сертификат действителен по', '2030-12-31'],
];

describe('a complaint refused on a ground of 5.11', () => {
  let url = '';

  it('is filed through the generated form, about one of the applicant’s own applications', async () => {
    const page = await watchedPage();
    await signIn(page, app.url, 'applicant@vologda');
    await page.goto(`${app.url}/#/r/vologda/apply/complaint`);
    await page.waitForSelector('form.generated-form');
    await page.locator('#application_authority_authority').selectOption({ index: 1 });
    await page.locator('#application_complainant_kind').selectOption({ label: 'Юридическое лицо' });
    await page.locator('#application_complainant_name').fill('ООО «Вологдавторчермет»');
    await page.locator('#application_complainant_address').fill('г. Вологда, ул. Мира, д. 1');
    await page.locator('#application_complainant_interaction').selectOption({ label: 'Через личный кабинет на ЕПГУ' });
    await page.locator('#application_complainant_decisionDelivery').selectOption({ label: 'Через личный кабинет на ЕПГУ' });
    // The application widget offers the applicant's own applications, by number and service.
    const subject = page.locator('#application_subject_application');
    await expect.poll(() => subject.locator('option').allTextContents()).toEqual(['— выберите заявление —', expect.stringMatching(new RegExp(`^№ ${grant.number} — Предоставление лицензии, от \\d+ \\S+ \\d{4} г\\.$`))]);
    await subject.selectOption({ value: grant.id });
    await page.locator('#application_subject_kind').selectOption({ label: 'Действие' });
    await page.locator('#application_subject_description').fill('Заявление зарегистрировано с опозданием');
    await page.locator('#application_subject_learnedOn').fill(today);
    await page.locator('#application_arguments_text').fill('Пункт 2.12: регистрация в день поступления');
    await page.locator('#application_demands_text').fill('Признать действия нарушающими регламент');
    await screenshot(page, 'complaint-01-form');
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('heading', { name: 'Проверьте ответы перед подачей заявления' }).waitFor();
    await page.getByRole('button', { name: 'Подать заявление' }).click();
    await page.waitForURL(/#\/applications\//);
    await page.getByRole('heading', { name: 'История' }).waitFor();
    url = page.url();
    expect(await page.locator('.step-summary').textContent()).toContain('Проверка жалобы на наличие оснований для отказа в ее рассмотрении');
    // The complaint's own data shows the application it names by number.
    await page.getByText('Показать заявление').click();
    await expect.poll(() => page.locator('.field-value').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^№ ${grant.number} — Предоставление лицензии`))]));
    await screenshot(page, 'complaint-02-filed');
  });

  it('is refused by the officer on a ground quoted in full, signed by the head, and the applicant reads the decision', async () => {
    const officer = await watchedPage();
    await signIn(officer, app.url, 'officer@vologda');
    await take(officer, url, 'Принять жалобу к рассмотрению или отказать в ее рассмотрении', [
      ['Решение', { option: 'Отказать в рассмотрении жалобы' }],
      ['Имеется решение суда по вопросам, поставленным в жалобе', { check: true }],
      ['Мотивы решения', 'Решение Арбитражного суда Вологодской области по делу № А13-1/2025'],
    ], 'complaint-03-officer-refusal');
    const head = await watchedPage();
    await signIn(head, app.url, 'head@vologda');
    await take(head, url, 'Подписать решение об отказе в рассмотрении жалобы', signing);

    const applicant = await watchedPage();
    await signIn(applicant, app.url, 'applicant@vologda');
    await applicant.goto(url);
    await applicant.getByRole('heading', { name: 'История' }).waitFor();
    expect(await applicant.locator('.step-summary').textContent()).toContain('Отказано в рассмотрении жалобы');
    await applicant.getByRole('link', { name: 'Решение об отказе в рассмотрении жалобы' }).click();
    await applicant.waitForURL(/#\/documents\//);
    const frame = applicant.frameLocator('iframe.document-frame');
    await expect.poll(() => frame.locator('body').textContent()).toContain('Имеется решение суда по вопросам, поставленным в жалобе.');
    await screenshot(applicant, 'complaint-04-refusal-document');
  });
});

describe('a complaint reviewed with a request for information (5.10)', () => {
  it('is taken for consideration, the applicant answers the request on the complaint’s page, and it is decided', async () => {
    // Learned of the violation today, so within the 30 calendar days of 5.4 whatever day the test runs.
    const submission = complaintSubmission(grant.id);
    const filed = await request(app.url).post('/api/regions/vologda/services/complaint/applications').set('Authorization', `Bearer ${await token('applicant@vologda')}`).send({ submission: { ...submission, subject: { ...submission.subject, learnedOn: today } } });
    expect(filed.status).toBe(201);
    const url = `${app.url}/#/applications/${filed.body.application.id}`;
    const officer = await watchedPage();
    await signIn(officer, app.url, 'officer@vologda');
    // A second complaint on the same application: the officer says whether it brings new arguments (5.11, items 5 and 7).
    await take(officer, url, 'Принять жалобу к рассмотрению или отказать в ее рассмотрении', [
      ['Решение', { option: 'Принять жалобу к рассмотрению' }],
      ['в новой жалобе приводятся новые основания', { check: true }],
    ]);
    await take(officer, url, 'Запросить у заявителя дополнительные информацию и документы', [['Запрашиваемые информация и документы', 'Копию уведомления о регистрации заявления']]);

    const applicant = await watchedPage();
    await signIn(applicant, app.url, 'applicant@vologda');
    await applicant.goto(url);
    await applicant.getByRole('heading', { name: 'История' }).waitFor();
    expect(await applicant.locator('.step-summary').textContent()).toContain('Представление заявителем дополнительных информации и документов');
    expect(await applicant.locator('.documents').textContent()).toContain('Запрос дополнительной информации и документов по жалобе');
    await screenshot(applicant, 'complaint-05-applicant-request');
    await take(applicant, url, 'Представить информацию и документы', [['Информация, относящаяся к предмету жалобы', 'Уведомление о регистрации прилагаю']], 'complaint-06-applicant-answer');

    await take(officer, url, 'Направить на подпись проект решения по жалобе', [
      ['Решение', { option: 'Отказать в удовлетворении жалобы' }],
      ['Мотивы решения', 'Заявление зарегистрировано в день поступления'],
    ]);
    const head = await watchedPage();
    await signIn(head, app.url, 'head@vologda');
    await take(head, url, 'Подписать решение по жалобе', signing);
    await take(officer, url, 'Направить заявителю решение по жалобе', []);
    await applicant.goto(url);
    await applicant.reload();
    await applicant.getByRole('heading', { name: 'История' }).waitFor();
    expect(await applicant.locator('.step-summary').textContent()).toContain('В удовлетворении жалобы отказано');
    expect(await applicant.locator('.documents').textContent()).toContain('Уведомление о решении по жалобе');
    await screenshot(applicant, 'complaint-07-applicant-decided');
  });
});
