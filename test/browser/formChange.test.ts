/**
 * A form is data: a field added to a region's YAML appears in the browser after a server restart, with
 * no change to any code, and its value is filed with the application. Shown on a copy of the sample
 * fixture region (test/fixtures/sample) in a temporary folder named "sample". On the way, a field the
 * server finds missing (422) is reported next to that field, and the filed application is withdrawn.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRegion, ensureRendererBuilt, launchBrowser, SAMPLE, screenshot, signIn, startApp, type Browser, type RunningApp } from './harness.ts';

const NEW_FIELD_LABEL = 'Адрес сайта в интернете';

let region: string;
let app: RunningApp | undefined;
let browser: Browser;

beforeAll(async () => {
  await ensureRendererBuilt();
  region = await copyRegion(SAMPLE, 'sample');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openPermitForm(page: Page, base: string): Promise<void> {
  await signIn(page, base, 'applicant@sample');
  await page.goto(`${base}/#/r/sample/apply/permit`);
  await page.locator('form.generated-form').waitFor();
}

describe('a new field in the form YAML', () => {
  it('is absent before and present after a restart, and is filed with the application', async () => {
    app = await startApp([region]);
    const before = await browser.newPage();
    await openPermitForm(before, app.url);
    expect(await before.getByLabel(NEW_FIELD_LABEL).count()).toBe(0);
    await app.stop();

    const formFile = path.join(region, 'forms/permit-application.yaml');
    const yaml = await readFile(formFile, 'utf8');
    const anchor = '      - { id: email, type: email, title: Электронная почта }\n';
    expect(yaml).toContain(anchor);
    await writeFile(formFile, yaml.replace(anchor, `${anchor}      - { id: website, type: string, title: ${NEW_FIELD_LABEL} }\n`));

    app = await startApp([region], app.dataDir);
    const page = await browser.newPage();
    await openPermitForm(page, app.url);
    await page.getByLabel(NEW_FIELD_LABEL).fill('https://example.ru');
    await screenshot(page, '16-sample-new-field');

    await page.getByLabel('Категория заявителя', { exact: false }).selectOption({ label: 'Юридическое лицо' });
    await page.getByLabel('Наименование', { exact: false }).first().fill('ООО «Образец»');
    await page.getByLabel('ИНН', { exact: false }).fill('7707083893');
    await page.getByLabel('Телефон', { exact: false }).fill('+7 900 000-00-00');
    await page.getByLabel('Хранение').check();
    await page.getByLabel('Согласие на обработку данных', { exact: false }).check();

    // ОГРН is required only for a legal entity: once it shows, the browser knows it is required and
    // says so next to the field.
    await page.getByRole('button', { name: 'Продолжить' }).click();
    const ogrnError = page.locator('#application_applicant_ogrn__error');
    await expect.poll(async () => (await ogrnError.textContent())?.toLowerCase()).toContain('обязательное поле');
    await screenshot(page, '17-sample-server-field-error');
    await page.getByLabel('ОГРН', { exact: false }).fill('1027700132195');
    await expect.poll(() => ogrnError.count()).toBe(0);
    await page.getByRole('button', { name: 'Продолжить' }).click();
    // The new field is among the answers to check, and is filed.
    await page.getByRole('heading', { name: 'Проверьте ответы перед подачей заявления' }).waitFor();
    expect(await page.locator('.answers').textContent()).toContain('https://example.ru');
    await page.getByRole('button', { name: 'Подать заявление' }).click();
    await page.waitForURL(/#\/applications\//);
    await page.getByText('Показать заявление').click();
    const website = page.locator('.answer-row', { hasText: NEW_FIELD_LABEL });
    expect(await website.locator('dd').first().textContent()).toBe('https://example.ru');

    // The applicant's own action on the page: withdrawing the application.
    await page.getByRole('button', { name: 'Отозвать заявление', exact: true }).click();
    // It asks first.
    expect(await page.locator('section.task').textContent()).toContain('Отменить его после подтверждения нельзя');
    await screenshot(page, '18-sample-withdraw-confirm', { fullPage: false });
    await page.getByRole('button', { name: 'Подтвердить: Отозвать заявление' }).click();
    await expect.poll(() => page.locator('.step-summary').textContent()).toContain('Заявление отозвано');
    // ...and the withdrawal's notice is there, among the documents and in the applicant's notifications.
    await page.getByRole('link', { name: 'Уведомление об отзыве заявления' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /Уведомления/ }).textContent()).toMatch(/1\s*непрочитанных/);
  });
});
