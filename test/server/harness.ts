/**
 * Starts the real server (real loader, engine and file store) on 127.0.0.1:0 with a temporary data
 * folder, and gives tests a small client: sign in as a development user and call the API.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import type { Clock } from '../../engine/api.ts';
import type { MailerOptions } from '../../server/notifications/mailer.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { replacePending } from '../helpers/pendingFiles.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const VOLOGDA = path.join(REPO, 'regions/vologda');
export const SAMPLE = path.join(REPO, 'test/fixtures/sample');

/** A clock tests move by hand; starts on a working Monday morning in Moscow. */
export class TestClock implements Clock {
  constructor(public current = new Date('2025-03-03T10:00:00+03:00')) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

export interface TestApi {
  readonly running: RunningServer;
  readonly url: string;
  readonly dataDir: string;
  readonly clock: TestClock;
  /** supertest agent bound to the server's URL. */
  http(): ReturnType<typeof request>;
  /** Signs in `<role>@<region>` (password = role) and returns the bearer token. */
  token(login: string): Promise<string>;
  /** Forgets the tokens signed in so far (they expire when the clock moves past 8 hours). */
  forgetTokens(): void;
  /** Uploads one file for a field of a service's form as `login`; the answer's body. */
  upload(login: string, region: string, service: string, field: string, name: string, body?: Buffer): Promise<{ id: string; name: string }>;
  /** `data` with every file(...) uploaded for its field as `login` and replaced by its reference. */
  withUploads<T>(login: string, region: string, service: string, data: T): Promise<T>;
  /** The same for an action's task form: each file uploaded for the application's event `event`. */
  withTaskUploads<T>(login: string, applicationId: string, event: string, data: T): Promise<T>;
  close(): Promise<void>;
}

/**
 * Copies a region folder under a new id (another region for isolation tests), with its shared folder
 * path made absolute so it still resolves from the temporary location.
 */
export async function copyRegion(from: string, newId: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'reglament-region-'));
  const dir = path.join(root, newId);
  await cp(from, dir, { recursive: true });
  const regionFile = path.join(dir, 'region.yaml');
  const text = await readFile(regionFile, 'utf8');
  const sharedMatch = /^shared:\s*(\S+)\s*$/m.exec(text);
  const shared = path.resolve(from, sharedMatch ? sharedMatch[1] : '../_shared');
  let next = text.replace(/^id:\s*\S+\s*$/m, `id: ${newId}`);
  next = sharedMatch ? next.replace(/^shared:\s*\S+\s*$/m, `shared: ${path.relative(dir, shared)}`) : `${next}\nshared: ${path.relative(dir, shared)}\n`;
  await writeFile(regionFile, next);
  return dir;
}

export async function startTestApi(
  regionDirs: readonly string[],
  options: { clock?: TestClock; loginCapacity?: number; env?: NodeJS.ProcessEnv; mail?: MailerOptions } = {},
): Promise<TestApi> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'reglament-data-'));
  const clock = options.clock ?? new TestClock();
  const running = await startServer({
    regionsDirs: regionDirs,
    dataDir,
    port: 0,
    host: '127.0.0.1',
    clock,
    logger: pino({ level: 'silent' }),
    env: { REGLAMENT_SECRET: 's'.repeat(48), ...options.env },
    devUsers: { cost: { N: 1024, r: 8, p: 1 } },
    loginLimit: { capacity: options.loginCapacity ?? 1000, refillPerSecond: 0.001 },
    mail: options.mail,
  });
  const tokens = new Map<string, string>();
  const uploadAt = async (login: string, url: string, name: string, body: Buffer) => {
    const res = await request(running.url).post(url).set('Authorization', `Bearer ${await api.token(login)}`).attach('file', body, name);
    if (res.status !== 201) throw new Error(`upload ${name} to ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id as string, name: res.body.name as string };
  };
  const api: TestApi = {
    running,
    url: running.url,
    dataDir,
    clock,
    http: () => request(running.url),
    async token(login) {
      const known = tokens.get(login);
      if (known) return known;
      const res = await request(running.url).post('/api/auth/login').send({ login, password: login.split('@')[0] });
      if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(login, res.body.token);
      return res.body.token as string;
    },
    forgetTokens: () => tokens.clear(),
    async upload(login, region, service, field, name, body = PDF) {
      return uploadAt(login, `/api/regions/${region}/services/${service}/uploads?field=${encodeURIComponent(field)}`, name, body);
    },
    withUploads: (login, region, service, data) =>
      replacePending(data, (field, f) => api.upload(login, region, service, field, f.$upload, f.body)),
    withTaskUploads: (login, applicationId, event, data) =>
      replacePending(data, (field, f) =>
        uploadAt(login, `/api/applications/${applicationId}/uploads?event=${encodeURIComponent(event)}&field=${encodeURIComponent(field)}`, f.$upload, f.body),
      ),
    async close() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return api;
}

/** A small valid PDF (file-type sniffs it as application/pdf). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A file field's value still to be uploaded: TestApi.withUploads uploads it and puts its reference there. */
export const file = (name: string, body: Buffer = PDF) => [{ $upload: name, body }];

