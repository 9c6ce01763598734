/**
 * Filing for real, in the browser, on regions/vologda with a real SMTP server in the test process:
 * an applicant attaches six 5 MB PDFs to a grant application (with a progress bar), reloads the page
 * and finds the draft as they left it, checks the answers and files it; staff take it to the decision
 * (over the API: their pages are licence.test.ts's); the applicant gets the e-mail with the decision
 * attached and the notification in the account. Another applicant files with the keyboard alone.
 * Every page visited is checked with axe-core for WCAG 2.1 A and AA (screenshot() does it).
 */
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRANT_STEPS } from '../server/vologdaData.ts';
import { addLeasedSiteAndBuilding } from './grantForm.ts';
import { ensureRendererBuilt, expectAccessible, launchBrowser, screenshot, signIn, startApp, VOLOGDA, type Browser, type RunningApp } from './harness.ts';

let app: RunningApp;
let browser: Browser;
let smtp: SMTPServer;
const mails: { mail: ParsedMail; to: string[] }[] = [];

const MiB = 1024 * 1024;
/** A PDF of `size` bytes: the header file-type recognises, then blank padding. */
const bigPdf = (name: string, size = 5 * MiB) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 16, 0x20), Buffer.from('\n%%EOF\n')]),
});

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 50 * MiB,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push({ mail, to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  await ensureRendererBuilt();
  app = await startApp([VOLOGDA], undefined, undefined, {
    env: { SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`, SMTP_FROM: 'licensing@vologda.example' },
    // The test sends the outbox itself (runOnce), when the decision is there.
    mail: { pollMs: 3_600_000 },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await new Promise<void>((resolve) => smtp?.close(resolve));
});

async function watchedPage(): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return page;
}

/** Chooses files for the file field `id` and waits until each is uploaded and listed. */
async function attach(page: Page, id: string, files: ReturnType<typeof bigPdf>[]) {
  await page.locator(`#${id}`).setInputFiles(files);
  for (const f of files) await page.locator(`[id="${id}__group"] .attachment-list`, { hasText: f.name }).waitFor({ timeout: 60_000 });
}

/** A token for a development user (password = role), over the API. */
async function signedIn(url: string, login: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: login.split('@')[0] }) });
  return ((await res.json()) as { token: string }).token;
}

/** The API as a member of staff: their token, and one step of the procedure by whoever it is for now. */
async function asStaff(url: string) {
  const tokens = { officer: await signedIn(url, 'officer@vologda'), head: await signedIn(url, 'head@vologda') };
  const json = async (path: string, init: { token: string; body?: unknown }) => {
    const res = await fetch(url + path, {
      method: init.body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${init.token}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = (await res.json()) as { application: { version: number }; step: { role: 'officer' | 'head' } };
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  return {
    async takeToDecision(id: string) {
      for (const [event, payload] of GRANT_STEPS) {
        const now = await json(`/api/applications/${id}`, { token: tokens.officer });
        await json(`/api/applications/${id}/events`, { token: tokens[now.step.role], body: { event, version: now.application.version, payload } });
      }
    },
  };
}

describe('filing a grant with its documents', () => {
  let applicationUrl = '';
  let number = '';

  it('checks that the accessibility check finds a violation (so a clean page means something)', async () => {
    const page = await watchedPage();
    await page.goto(`${app.url}/#/`);
    await page.locator('h1').waitFor();
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img src="/x.png"><input type="text">'));
    await expect(expectAccessible(page, 'a page with an unlabelled image and input')).rejects.toThrow(/image-alt|label/);
    await page.close();
  });

  it('uploads six 5 MB PDFs with a progress bar, and resumes the draft after a reload', async () => {
    const page = await watchedPage();
    await signIn(page, app.url, 'applicant@vologda');
    await screenshot(page, 'f01-region-services');
    await page.getByRole('link', { name: 'Подать заявление: Предоставление лицензии' }).click();
    await page.waitForSelector('form.generated-form');
    await screenshot(page, 'f02-grant-form-empty');

    await page.locator('#application_applicant_kind').selectOption({ label: 'Юридическое лицо' });
    await page.locator('#application_applicant_name').fill('ООО «Череповецвтормет»');
    await page.locator('#application_applicant_inn').fill('7707083893');
    await page.locator('#application_applicant_ogrn').fill('1027700132195');
    await page.locator('#application_applicant_address').fill('г. Вологда, ул. Мира, д. 1');
    await page.locator('#application_applicant_phone').fill('+7 (8172) 72-00-00');
    await page.locator('#application_applicant_email').fill('info@vtormet.example');
    await page.getByLabel('Заготовка, хранение, переработка и реализация лома черных металлов').check();
    await page.locator('#application_addresses_places_0_address').fill('г. Вологда, ул. Промышленная, д. 5');
    await page.locator('#application_equipmentFerrous_items_0_name').fill('Пресс-ножницы');
    await page.locator('#application_equipmentFerrous_items_0_quantity').fill('1');
    await page.locator('#application_equipmentFerrous_items_0_address').fill('г. Вологда, ул. Промышленная, д. 5');
    await page.locator('#application_equipmentFerrous_items_0_right').selectOption({ label: 'Право собственности' });
    await page.locator('#application_staff_employees_0_fullName').fill('Иванов Иван Иванович');
    await page.locator('#application_staff_employees_0_position').fill('Контролер лома');
    await page.locator('#application_staff_employees_0_qualification').fill('Аттестован в 2024 году');
    // Appendix 1 §§5 and 6 may not be filed empty: a site and a building held on a lease, each with its document.
    await addLeasedSiteAndBuilding(page, (id, section) => attach(page, id, [bigPdf(`аренда-${section}.pdf`, 1024)]));
    // §11: the payment document's number.
    await page.locator('#application_payment_number').fill('1203');

    // The first file goes up over a throttled connection, so its progress bar is there to see.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 2 * MiB });
    await page.locator('#application_staff_controlAppointment').setInputFiles(bigPdf('приказ-о-назначении.pdf'));
    const progress = page.locator('[id="application_staff_controlAppointment__group"] progress');
    await progress.waitFor();
    await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.locator('[id="application_staff_controlAppointment__group"] .upload-progress').scrollIntoViewIfNeeded();
    await screenshot(page, 'f03-upload-progress', { fullPage: false });
    await page.locator('[id="application_staff_controlAppointment__group"] .attachment-list', { hasText: 'приказ-о-назначении.pdf' }).waitFor({ timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await attach(page, 'application_equipmentFerrous_items_0_documents', [bigPdf('паспорт-пресса.pdf'), bigPdf('договор-купли.pdf'), bigPdf('акт-ввода.pdf')]);
    await attach(page, 'application_staff_employees_0_documents', [bigPdf('удостоверение.pdf'), bigPdf('аттестация.pdf')]);

    // A file whose content is not what its name says is refused, naming the field.
    await page.locator('#application_payment_receipt').setInputFiles({ name: 'квитанция.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await expect.poll(() => page.locator('[id="application_payment_receipt__group"] .field-error').textContent()).toContain('не соответствует формату pdf');

    // The draft is saved as the applicant goes; its id is in the address.
    await expect.poll(() => page.locator('.draft-note').textContent(), { timeout: 15_000 }).toContain('Черновик сохранён');
    const draftId = /[?&]draft=([^&]+)/.exec(page.url())?.[1];
    expect(draftId).toBeTruthy();
    // «Сохранён» may be an earlier save still on screen while the last answers wait for theirs: the
    // reload below comes once the server's draft holds every file chosen.
    const bigFiles = ['приказ-о-назначении.pdf', 'паспорт-пресса.pdf', 'договор-купли.pdf', 'акт-ввода.pdf', 'удостоверение.pdf', 'аттестация.pdf'];
    const applicant = await signedIn(app.url, 'applicant@vologda');
    await expect
      .poll(async () => {
        const text = JSON.stringify(await (await fetch(`${app.url}/api/drafts/${draftId}`, { headers: { authorization: `Bearer ${applicant}` } })).json());
        return bigFiles.filter((name) => text.includes(name)).length;
      }, { timeout: 15_000 })
      .toBe(6);
    await page.reload();
    await page.waitForSelector('form.generated-form');
    expect(await page.locator('#application_applicant_name').inputValue()).toBe('ООО «Череповецвтормет»');
    expect(await page.locator('#application_equipmentFerrous_items_0_name').inputValue()).toBe('Пресс-ножницы');
    const listed = await page.locator('.attachment-list li').allTextContents();
    expect(listed.filter((t) => /5,0 МБ/.test(t))).toHaveLength(6);
    await screenshot(page, 'f04-draft-resumed');

    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('heading', { name: 'Проверьте ответы перед подачей заявления' }).waitFor();
    // Every file is listed among the answers, and the dates are labelled a forecast.
    expect(await page.locator('.answers').textContent()).toContain('паспорт-пресса.pdf');
    expect(await page.locator('.quote').textContent()).toContain('(прогноз)');
    await screenshot(page, 'f05-check-answers');
    // «Изменить» takes the applicant back to that very field.
    await page.getByRole('link', { name: 'Изменить ответ «ИНН»' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('application_applicant_inn');
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('button', { name: 'Подать заявление' }).click();
    await page.waitForURL(/#\/applications\//);
    await page.getByRole('heading', { name: 'История' }).waitFor();
    applicationUrl = page.url();
    number = ((await page.locator('h1').textContent()) ?? '').replace(/^.*№\s*/, '').trim();
    expect(number).toMatch(/^З-\d{4}-\d{4}$/);
    // Not yet registered by staff: the date is a forecast.
    expect(await page.locator('.step-summary').textContent()).toContain('Регистрация (прогноз)');
    await screenshot(page, 'f06-application-filed');
    // «Мои заявления»: the row has its number and status, and no draft is left.
    await page.getByRole('link', { name: 'Мои заявления' }).click();
    await page.locator('section[aria-labelledby="filed-title"] .card').first().waitFor();
    expect(await page.locator('section[aria-labelledby="filed-title"]').textContent()).toContain(`Заявление № ${number}`);
    expect(await page.locator('#drafts-title').count()).toBe(0);
    await screenshot(page, 'f07-my-applications');
  });

  it('gets the decision by e-mail with the notice attached, and in the account', async () => {
    const id = applicationUrl.split('/').pop()!;
    await (await asStaff(app.url)).takeToDecision(id);
    await app.server.mailer!.runOnce();
    const decision = mails.find((m) => m.mail.subject === `Заявление № ${number}: Уведомление о предоставлении лицензии`);
    expect(decision, `mails: ${mails.map((m) => m.mail.subject).join('; ')}`).toBeDefined();
    expect(decision!.to).toEqual(['info@vtormet.example']);
    expect(decision!.mail.attachments.map((a) => a.filename)).toEqual(['Уведомление о предоставлении лицензии.html']);
    expect(decision!.mail.attachments[0].content.toString('utf8')).toContain(`№ ${number}`);

    const page = await watchedPage();
    await signIn(page, app.url, 'applicant@vologda');
    const link = page.getByRole('link', { name: /Уведомления/ });
    await expect.poll(() => link.textContent()).toMatch(/Уведомления\s*2\s*непрочитанных/);
    await screenshot(page, 'f08-unread-count');
    await link.click();
    await page.getByRole('heading', { name: 'Уведомления', level: 1 }).waitFor();
    expect(await page.locator('.notifications').textContent()).toContain('Уведомление о предоставлении лицензии');
    await screenshot(page, 'f09-notifications');
    await page.locator('.notifications .card').first().getByRole('link', { name: 'Документ' }).click();
    await page.waitForURL(/#\/documents\//);
    await page.locator('iframe, .document').first().waitFor();
    await screenshot(page, 'f10-notice');
    // Read now: the count is gone.
    await expect.poll(() => link.textContent()).toBe('Уведомления');
  });
});

describe('filing with the keyboard alone', () => {
  /** Presses Tab until the element with `id` (or matching `selector`) has the focus. */
  async function tabTo(page: Page, target: string) {
    for (let i = 0; i < 400; i++) {
      if (await page.evaluate((t) => document.activeElement?.matches(t) ?? false, target)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${target}`);
  }
  async function typeInto(page: Page, id: string, text: string) {
    await tabTo(page, `#${id}`);
    await page.keyboard.type(text);
  }
  async function choose(page: Page, id: string, label: string) {
    await tabTo(page, `#${id}`);
    for (let i = 0; i < 10; i++) {
      if (await page.evaluate(([sel, want]) => (document.querySelector(sel) as HTMLSelectElement).selectedOptions[0]?.text === want, [`#${id}`, label])) return;
      await page.keyboard.press('ArrowDown');
    }
    throw new Error(`option «${label}» not reached in #${id}`);
  }

  it('signs in, fills in and files an information request, the error summary taking the focus on the way', async () => {
    const page = await watchedPage();
    await page.goto(`${app.url}/#/login`);
    await page.locator('h1').waitFor();
    await typeInto(page, 'login', 'applicant@vologda');
    await page.keyboard.press('Tab');
    await page.keyboard.type('applicant');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/r\/vologda$/);
    await tabTo(page, 'a[aria-label="Подать заявление: Предоставление сведений о конкретной лицензии"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('form.generated-form');

    // Going on with nothing filled in: the summary of errors takes the focus and says what to fix.
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.error-summary') !== null)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Исправьте ошибки/);
    await screenshot(page, 'k01-error-summary-focused', { fullPage: false });

    await choose(page, 'application_applicant_kind', 'Физическое лицо');
    await typeInto(page, 'application_applicant_name', 'Петров Петр Петрович');
    await typeInto(page, 'application_applicant_address', 'г. Череповец, ул. Ленина, д. 2');
    await typeInto(page, 'application_applicant_email', 'petrov@example.ru');
    await typeInto(page, 'application_licence_licenseeName', 'ООО «Вологдавторчермет»');
    await choose(page, 'application_request_infoKind', 'Выписка из реестра лицензий');
    await choose(page, 'application_request_deliveryMethod', 'По указанному в заявлении адресу электронной почты');
    // The address for the answer is asked for once the e-mail is chosen (3.5.1.3).
    await typeInto(page, 'application_request_email', 'petrov@example.ru');
    await tabTo(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Проверьте ответы перед подачей заявления' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await tabTo(page, 'button.primary');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Подать заявление');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/applications\//);
    await page.getByRole('heading', { name: 'История' }).waitFor();
    expect(await page.locator('h1').textContent()).toMatch(/Заявление № З-\d{4}-\d{4}/);
    await screenshot(page, 'k02-filed-by-keyboard');
  });
});
