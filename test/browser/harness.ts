/**
 * What the browser tests need: the built renderer (built once if renderer/dist is missing), the real
 * server on 127.0.0.1 with a temporary data folder and the regions a test names, and Debian's Chromium
 * driven by playwright-core with a fresh profile. Nothing is downloaded: the browser must be installed
 * (`apt-get install chromium`).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Clock } from '../../engine/api.ts';
import type { MailerOptions } from '../../server/notifications/mailer.ts';
import { startServer, type RunningServer } from '../../server/start.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const VOLOGDA = path.join(REPO, 'regions/vologda');
export const SAMPLE = path.join(REPO, 'test/fixtures/sample');
export const SHARED = path.join(REPO, 'regions/_shared');
const DIST = path.join(REPO, 'renderer/dist');
export const SCREENSHOTS = path.join(REPO, 'test-results/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the renderer unless renderer/dist already holds a build. */
export async function ensureRendererBuilt(): Promise<void> {
  if (existsSync(path.join(DIST, 'index.html'))) return;
  // vitest sets NODE_ENV=test, which would make vite bundle React's development build.
  await promisify(execFile)('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], { cwd: REPO, env: { ...process.env, NODE_ENV: 'production' } });
}

export interface RunningApp {
  /** Where the browser opens the UI (the server serves renderer/dist at "/"). */
  readonly url: string;
  readonly server: RunningServer;
  readonly dataDir: string;
  /** Stops the server (the data folder stays, for a restart). */
  stop(): Promise<void>;
}

/** Starts the real server over `regionDirs` (data in `dataDir`, a new temporary folder by default), on `clock` if given. */
export async function startApp(
  regionDirs: readonly string[],
  dataDir?: string,
  clock?: Clock,
  options: { readonly env?: NodeJS.ProcessEnv; readonly mail?: MailerOptions } = {},
): Promise<RunningApp> {
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'reglament-browser-data-')));
  const server = await startServer({
    regionsDirs: regionDirs,
    dataDir: dir,
    port: 0,
    host: '127.0.0.1',
    logger: pino({ level: 'silent' }),
    env: { REGLAMENT_SECRET: 'b'.repeat(48), ...options.env },
    mail: options.mail,
    devUsers: { cost: { N: 1024, r: 8, p: 1 } },
    loginLimit: { capacity: 1000, refillPerSecond: 1 },
    rendererDir: DIST,
    ...(clock ? { clock } : {}),
  });
  return { url: server.url, server, dataDir: dir, stop: () => server.close() };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Browser {
  newPage(width?: number, height?: number): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile in a temporary folder. */
export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'reglament-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'ru-RU',
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // axe-core in every page before its own scripts (an init script is not subject to the page's CSP,
  // which forbids inline scripts): expectAccessible runs it.
  await context.addInitScript({ content: AXE_SOURCE });
  return {
    async newPage(width = 1280, height = 900) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Checks the page with axe-core (WCAG 2.1 A and AA: every page a browser test visits is shown here),
 * then saves a screenshot as test-results/screenshots/<name>.png: the whole page, or only what is in view.
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  await expectAccessible(page, name);
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Signs in through the login page as `<role>@<region>` (password = role) and waits for the landing page. */
export async function signIn(page: Page, base: string, login: string): Promise<void> {
  await page.goto(`${base}/#/login`);
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(login.split('@')[0]);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForFunction(() => !location.hash.startsWith('#/login'));
}

/** A copy of a region folder in a new temporary folder named `name`, its `shared:` path pointing at the federal folder that comes with reglament. */
export async function copyRegion(from: string, name: string): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'reglament-region-')), name);
  await cp(from, dir, { recursive: true });
  const regionFile = path.join(dir, 'region.yaml');
  const text = await readFile(regionFile, 'utf8');
  await writeFile(regionFile, text.replace(/^shared:.*$/m, `shared: ${path.relative(dir, SHARED)}`));
  return dir;
}


/**
 * Runs axe-core on the page as it is now, for WCAG 2.1 levels A and AA, and fails naming each
 * violation, its rule and the elements it found.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) throw new Error('axe-core is not in the page: open pages with launchBrowser');
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`.replace(/\n/g, ' ')).join('\n')}`);
  });
  if (violations.length > 0) throw new Error(`accessibility (WCAG 2.1 A/AA) of ${what}: ${violations.length} violation(s)\n${violations.join('\n')}`);
}
