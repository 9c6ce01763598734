/** The user directory: development users seeded from roles.yaml, and `reglament users add`. */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { devUsers } from '../../server/auth/devUsers.ts';
import { verifyPassword } from '../../server/auth/password.ts';
import { runUsers } from '../../server/usersCommand.ts';
import { makeRegion } from '../helpers/regionFactory.ts';

const cost = { N: 1024, r: 8, p: 1 };
const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('development users', () => {
  it('are one per role of each folder, <role>@<folder> with the role id as password', async () => {
    const region = makeRegion({
      id: 'north',
      roles: { applicant: { id: 'applicant', title: 'Заявитель', applicant: true }, officer: { id: 'officer', title: 'Специалист', inbox: true } },
    });
    const users = await devUsers([region], { cost });
    expect(users.map((u) => [u.login, u.region, u.roles])).toEqual([
      ['applicant@north', 'north', ['applicant']],
      ['officer@north', 'north', ['officer']],
    ]);
    expect(await verifyPassword('officer', users[1].passwordHash)).toBe(true);
  });

  it('give the staff of a platform folder every region, and keep its applicants in the folder', async () => {
    const base = makeRegion();
    const platform = makeRegion({
      id: 'hub',
      region: { ...base.region, id: 'hub', kind: 'platform' },
      roles: { requester: { id: 'requester', title: 'Координатор', applicant: true }, support: { id: 'support', title: 'СТП', inbox: true } },
    });
    const users = await devUsers([platform], { cost });
    expect(users.map((u) => [u.login, u.region])).toEqual([
      ['requester@hub', 'hub'],
      ['support@hub', '*'],
    ]);
  });
});

describe('reglament users', () => {
  it('adds a user with a password read from standard input, into a private users.json', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'reglament-users-'));
    temps.push(data);
    const out: string[] = [];
    const code = await runUsers(['add', '--login', 'ivanova', '--region', 'vologda', '--roles', 'officer,head', '--name', 'Иванова И. И.', '--data', data, '--password-stdin'], {
      stdin: Readable.from(['correct horse battery\n']),
      stdout: { write: (t: string) => out.push(t) },
    });
    expect(code).toBe(0);
    const file = path.join(data, 'users.json');
    const [user] = JSON.parse(await readFile(file, 'utf8')).users;
    expect(user).toMatchObject({ login: 'ivanova', name: 'Иванова И. И.', region: 'vologda', roles: ['officer', 'head'] });
    expect(await verifyPassword('correct horse battery', user.passwordHash)).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses a short password and missing options', async () => {
    const err: string[] = [];
    const io = { stdin: Readable.from(['short\n']), stderr: { write: (t: string) => err.push(t) }, stdout: { write: () => undefined } };
    const data = await mkdtemp(path.join(tmpdir(), 'reglament-users-'));
    temps.push(data);
    expect(await runUsers(['add', '--login', 'x', '--region', 'r', '--roles', 'officer', '--data', data, '--password-stdin'], io)).toBe(2);
    expect(await runUsers(['add', '--login', 'x', '--data', data], io)).toBe(2);
    expect(err.join('')).toMatch(/8 characters/);
  });
});
