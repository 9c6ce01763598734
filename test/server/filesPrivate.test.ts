/**
 * Files private whatever the umask: a server started with umask 000 (anything it created without an
 * explicit mode would be world-readable and world-writable) leaves every folder it made 0700 and every
 * file 0600: the data folder itself, users.json, the token key, the store (uploads included). With
 * PostgreSQL it writes no store files at all (uploads go to the database), only the first two.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, login } from '../reliability/harness/api.ts';
import { ServerProcess } from '../reliability/harness/serverProcess.ts';
import { pgTestDatabase, TestSchemas } from '../store/pgTestDatabase.ts';
import { permitSubmission } from './sampleData.ts';

const db = await pgTestDatabase();
const schemas = 'url' in db ? new TestSchemas(db.url) : null;
const temps: string[] = [];
afterAll(async () => {
  await schemas?.dropAll();
  if ('release' in db) await db.release();
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

const BOUNDARY = 'files-private-boundary';
const PDF = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="plan.pdf"\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${BOUNDARY}--\r\n`);

/** Every path under `dir` (itself included) whose mode is not 0700 for a folder or 0600 for a file. */
async function notPrivate(dir: string): Promise<string[]> {
  const wrong: string[] = [];
  const visit = async (p: string) => {
    const info = await stat(p);
    const mode = info.mode & 0o777;
    if (info.isDirectory()) {
      if (mode !== 0o700) wrong.push(`${p} ${mode.toString(8)}`);
      for (const name of await readdir(p)) await visit(path.join(p, name));
    } else if (mode !== 0o600) wrong.push(`${p} ${mode.toString(8)}`);
  };
  await visit(dir);
  return wrong;
}

/** Starts a server under umask 000 on a data folder it must create, files an application and an upload, and stops it. */
async function exercise(env: Record<string, string>): Promise<string> {
  const parent = await mkdtemp(path.join(tmpdir(), 'reglament-umask-'));
  temps.push(parent);
  const dataDir = path.join(parent, 'data');
  // No REGLAMENT_SECRET: the server generates its token key into the data folder.
  const server = await ServerProcess.start({ dataDir, env: { ...env, REGLAMENT_SECRET: '' }, umask: '000' });
  try {
    const token = await login(server.url, 'applicant@sample');
    const filed = await call(server.url, 'POST', '/api/regions/sample/services/permit/applications', { token, json: { submission: permitSubmission() } });
    expect(filed.status).toBe(201);
    const uploaded = await call(server.url, 'POST', '/api/regions/sample/services/permit/uploads?field=site.plan', {
      token,
      raw: PDF,
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect(uploaded.status).toBe(201);
  } finally {
    await server.stop();
  }
  return dataDir;
}

describe('files private whatever the umask', () => {
  it('the embedded store: every folder 0700 and every file 0600, the data folder included', async () => {
    const dataDir = await exercise({ DATABASE_URL: '' });
    expect((await readdir(dataDir)).sort()).toEqual(['secret', 'store', 'users.json']);
    expect((await readdir(path.join(dataDir, 'store', 'uploads'))).length).toBeGreaterThan(0);
    expect(await notPrivate(dataDir)).toEqual([]);
  });

  it.skipIf(!schemas)('PostgreSQL: no store files at all, and the rest private', async () => {
    const dataDir = await exercise({ DATABASE_URL: (db as { url: string }).url, DATABASE_SCHEMA: schemas!.next() });
    expect((await readdir(dataDir)).sort()).toEqual(['secret', 'users.json']);
    expect(await notPrivate(dataDir)).toEqual([]);
  });
});
