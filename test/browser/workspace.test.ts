/**
 * The officer's workspace in Chromium on regions/vologda, on a clock the test sets: an officer finds
 * a case by part of the applicant's name, takes it, and sees it change live when the head signs; the
 * head's default inbox shows only what needs signing; the reports page shows the seeded numbers in
 * charts and tables.
 *
 * Seeded on Mon 2 Mar 2026 (a working day, ../shared/production-calendar.md): A («СеверМеталлРесурс»)
 * and D are registered the day they arrive, their signatures checked and interagency requests sent to
 * the head for signing (no extracts were attached); B and C wait for registration.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../server/harness.ts';
import { uploadPending } from '../helpers/uploadPending.ts';
import { grantSubmission } from '../server/vologdaData.ts';
import { ensureRendererBuilt, launchBrowser, screenshot, signIn, startApp, VOLOGDA, type Browser, type RunningApp } from './harness.ts';

let app: RunningApp;
let browser: Browser;
const clock = new TestClock(new Date('2026-03-02T10:00:00+03:00'));
const ids: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };
/** Calls the API as `login`, signing in each time: the test's clock moves by days, past a token's 8 hours. */
async function api(login: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const signedIn = await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: login.split('@')[0] }) });
  const { token } = (await signedIn.json()) as { token: string };
  const res = await fetch(`${app.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const json = (await res.json()) as { application: { id: string; version: number } };
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json.application;
}

async function fileAt(instant: string, name: string) {
  clock.current = new Date(instant);
  const submission = grantSubmission();
  submission.applicant.name = name;
  const withFiles = await uploadPending(app.url, 'applicant@vologda', 'vologda', 'grant', submission);
  return (await api('applicant@vologda', 'POST', '/api/regions/vologda/services/grant/applications', { submission: withFiles })).id;
}

/** Registers, checks the signature and sends the interagency requests for signing, an hour apart from `hour`. */
async function toSigning(id: string, day: string, minute: string) {
  const steps: [string, unknown?][] = [
    ['REGISTER'],
    ['CHECK_SIGNATURE', { signature: { signatureKind: 'qualified', toolClass: 'KS2', result: 'valid', checkedOn: day } }],
    ['SUBMIT_REQUESTS', { requests: { items: [{ recipient: 'fnsEgrul', channel: 'smev' }] } }],
  ];
  let version = 1;
  for (const [i, [event, payload]] of steps.entries()) {
    clock.current = new Date(`${day}T${12 + i}:${minute}:00+03:00`);
    version = (await api('officer@vologda', 'POST', `/api/applications/${id}/events`, { event, version, ...(payload ? { payload } : {}) })).version;
  }
}

beforeAll(async () => {
  await ensureRendererBuilt();
  app = await startApp([VOLOGDA], undefined, clock);
  browser = await launchBrowser();
  ids.a = await fileAt('2026-03-02T10:00:00+03:00', 'ООО «СеверМеталлРесурс»');
  ids.b = await fileAt('2026-03-02T10:01:00+03:00', 'АО «Вторресурс»');
  ids.c = await fileAt('2026-03-02T10:02:00+03:00', 'ИП Ёлкин Пётр Петрович');
  ids.d = await fileAt('2026-03-02T10:05:00+03:00', 'ООО «Подпись»');
  await toSigning(ids.a, '2026-03-02', '00');
  await toSigning(ids.d, '2026-03-02', '05');
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A page whose clock starts at the test's clock (tokens expire by the server's clock, and the page renews them by its own). */
async function watchedPage(): Promise<Page> {
  const page = await browser.newPage(1280, 900);
  await page.clock.install({ time: clock.current });
  page.on('pageerror', (e) => {
    throw e;
  });
  return page;
}

const rowsOf = (page: Page) => page.locator('table.inbox tbody tr');

describe("the officer's workspace", () => {
  it('finds a case by part of the applicant name, takes it, and sees it change live when the head signs', async () => {
    clock.current = new Date('2026-03-04T09:00:00+03:00');
    const page = await watchedPage();
    await signIn(page, app.url, 'officer@vologda');
    await page.waitForURL(/#\/r\/vologda\/inbox/);
    await page.getByRole('button', { name: 'Все заявления региона' }).click();
    await page.getByLabel('Поиск', { exact: true }).fill('северметалл');
    await page.getByRole('button', { name: 'Найти' }).click();
    await expect.poll(() => page.url()).toContain('q=%D1%81%D0%B5%D0%B2%D0%B5%D1%80%D0%BC%D0%B5%D1%82%D0%B0%D0%BB%D0%BB');
    await expect.poll(() => rowsOf(page).count()).toBe(1);
    expect(await rowsOf(page).first().textContent()).toContain('ООО «СеверМеталлРесурс»');
    expect(await rowsOf(page).first().textContent()).toContain('ИНН 7707083893');
    await screenshot(page, 'workspace-01-officer-search');

    await rowsOf(page).first().getByRole('link').click();
    await page.waitForURL(/#\/applications\//);
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    await expect.poll(() => page.locator('section.assignment').textContent()).toContain('В работе у:');
    const before = await page.locator('.step-summary').textContent();
    expect(before).toContain('Подписание межведомственных запросов');
    // A mark the page would lose if it were reloaded.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    // Five minutes later (within the officer's 15-minute token), the head signs.
    clock.current = new Date('2026-03-04T09:05:00+03:00');
    const current = await api('officer@vologda', 'GET', `/api/applications/${ids.a}`);
    await api('head@vologda', 'POST', `/api/applications/${ids.a}/events`, { event: 'SIGN_REQUESTS', version: current.version });
    await expect.poll(() => page.locator('.step-summary').textContent(), { timeout: 10_000 }).toContain('Получение ответов на межведомственные запросы');
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'Заявление обновлено' }).count()).toBe(1);
    await screenshot(page, 'workspace-02-officer-live-update');
  });

  it("shows the head by default only what needs signing, and every case on request", async () => {
    const page = await watchedPage();
    await signIn(page, app.url, 'head@vologda');
    await page.waitForURL(/#\/r\/vologda\/inbox/);
    await expect.poll(() => rowsOf(page).count()).toBe(1);
    const row = await rowsOf(page).first().textContent();
    expect(row).toContain('ООО «Подпись»');
    expect(row).toContain('Подписание межведомственных запросов');
    await screenshot(page, 'workspace-03-head-inbox');
    await page.getByRole('button', { name: 'Все заявления региона' }).click();
    await expect.poll(() => rowsOf(page).count()).toBe(4);
  });

  it('shows the reports with the seeded numbers in charts and tables', async () => {
    // Tue 10 Mar 2026 (7-9 Mar are non-working): B and C were due for registration on Mon 2 Mar (the day
    // itself), D's requests on Wed 4 Mar (2 working days after registration: 3, 4 Mar): all three late.
    clock.current = new Date('2026-03-10T10:00:00+03:00');
    const page = await watchedPage();
    await signIn(page, app.url, 'head@vologda');
    await page.getByRole('link', { name: 'Отчёты' }).click();
    await page.getByRole('heading', { name: 'Заявления в работе по этапам' }).waitFor();
    const table = async (heading: string) => {
      const section = page.locator('section.report').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });
      return section.locator('table tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    };
    expect(await table('Заявления в работе по этапам')).toEqual(
      expect.arrayContaining([
        ['Предоставление лицензии', 'Прием и регистрация заявления и документов', '2'],
        ['Предоставление лицензии', 'Подписание межведомственных запросов', '1'],
        ['Предоставление лицензии', 'Получение ответов на межведомственные запросы', '1'],
      ]),
    );
    expect(await table('Заявления в работе по этапам')).toHaveLength(3);
    expect(await table('Просроченные заявления по этапам')).toEqual([
      ['Предоставление лицензии', 'Прием и регистрация заявления и документов', '2'],
      ['Предоставление лицензии', 'Подписание межведомственных запросов', '1'],
    ]);
    expect(await table('Просроченные заявления по исполнителям')).toEqual([['Не назначено', '3']]);
    // A waited for signing from Mon 2 Mar 14:00 to Wed 4 Mar 09:05: working days 3 and 4 Mar, its limit 2 from registration.
    expect(await table('Время на этапах и установленные сроки')).toEqual(
      expect.arrayContaining([['Предоставление лицензии', 'Подписание межведомственных запросов', '1', '2', '2', '2', 'от регистрации', '—']]),
    );
    expect(await table('Поступило и завершено по месяцам')).toEqual([['март 2026', '4', '0']]);
    // Each report has its chart, drawn as SVG bars.
    expect(await page.locator('.chart[role="img"]').count()).toBe(5);
    expect(await page.locator('.chart .recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(9);
    await screenshot(page, 'workspace-04-reports');
    // The CSV of a table downloads with its rows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать CSV' }).first().click()]);
    const csv = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(csv as Buffer[]).toString('utf8');
    expect(text.startsWith('\uFEFFУслуга;Этап;Заявлений')).toBe(true);
    expect(text).toContain('Предоставление лицензии;Прием и регистрация заявления и документов;2');
  });
});
