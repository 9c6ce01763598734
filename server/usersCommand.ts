/**
 * `reglament users add --login L --region R --roles a,b [--name N] [--data DIR] --password-stdin`
 * `reglament users passwd --login L [--data DIR] --password-stdin`
 * `reglament users revoke --login L [--data DIR]`
 * `reglament users list [--data DIR]`
 * Manages data/users.json; the password is read from standard input so it stays out of shell history.
 * A new password (passwd, or add for an existing login) and revoke end every session of the user; a
 * running server re-reads the file within a second or so.
 */
import { text } from 'node:stream/consumers';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hashPassword } from './auth/password.ts';
import { UserDirectory } from './auth/users.ts';

const USAGE = [
  'reglament users add --login <login> --region <region|*> --roles <role,role> [--name <name>] [--data ./data] --password-stdin',
  'reglament users passwd --login <login> [--data ./data] --password-stdin   (ends the user\'s sessions)',
  'reglament users revoke --login <login> [--data ./data]                    (ends the user\'s sessions)',
  'reglament users list [--data ./data]',
].join('\n       ');

export interface UsersIo {
  readonly stdin?: NodeJS.ReadableStream;
  readonly stdout?: { write(text: string): unknown };
  readonly stderr?: { write(text: string): unknown };
  readonly env?: NodeJS.ProcessEnv;
}

export async function runUsers(argv: string[], io: UsersIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        login: { type: 'string' },
        region: { type: 'string' },
        roles: { type: 'string' },
        name: { type: 'string' },
        data: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    });
  } catch (e) {
    stderr.write(`reglament users: ${(e as Error).message}\nUsage: ${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const file = path.join(values.data ?? io.env?.DATA_DIR ?? process.env.DATA_DIR ?? 'data', 'users.json');
  const directory = (await UserDirectory.load(file)) ?? new UserDirectory([], file);

  if (positionals[0] === 'list') {
    for (const u of directory.all()) stdout.write(`${u.login}\t${u.region}\t${u.roles.join(',')}\t${u.name}\n`);
    return 0;
  }
  if (positionals[0] === 'revoke') {
    if (!values.login) return usage(stderr, 'reglament users revoke: --login is required');
    if (!(await directory.revokeSessions(values.login))) {
      stderr.write(`reglament users revoke: no user ${values.login} in ${file}\n`);
      return 1;
    }
    stdout.write(`ended every session of ${values.login} (${file})\n`);
    return 0;
  }
  if (positionals[0] === 'passwd') {
    if (!values.login || !values['password-stdin']) return usage(stderr, 'reglament users passwd: --login and --password-stdin are required');
    const user = directory.find(values.login);
    if (!user) {
      stderr.write(`reglament users passwd: no user ${values.login} in ${file}\n`);
      return 1;
    }
    const password = await readPassword(io);
    if (password === null) return passwordTooShort(stderr, 'passwd');
    await directory.upsert({ ...user, passwordHash: await hashPassword(password) });
    stdout.write(`changed the password of ${user.login} and ended their sessions (${file})\n`);
    return 0;
  }
  if (positionals[0] !== 'add') {
    stderr.write(`Usage: ${USAGE}\n`);
    return 2;
  }
  if (!values.login || !values.region || !values.roles || !values['password-stdin']) {
    return usage(stderr, 'reglament users add: --login, --region, --roles and --password-stdin are required');
  }
  const password = await readPassword(io);
  if (password === null) return passwordTooShort(stderr, 'add');
  const roles = values.roles.split(',').map((r) => r.trim()).filter(Boolean);
  await directory.upsert({ login: values.login, name: values.name ?? values.login, region: values.region, roles, passwordHash: await hashPassword(password) });
  stdout.write(`saved ${values.login} (${values.region}: ${roles.join(', ')}) in ${file}\n`);
  return 0;
}

function usage(stderr: { write(text: string): unknown }, problem: string): number {
  stderr.write(`${problem}\nUsage: ${USAGE}\n`);
  return 2;
}

/** The password on standard input (one line), or null when it is shorter than 8 characters. */
async function readPassword(io: UsersIo): Promise<string | null> {
  const password = (await text(io.stdin ?? process.stdin)).replace(/\r?\n$/, '');
  return password.length < 8 ? null : password;
}

function passwordTooShort(stderr: { write(text: string): unknown }, command: string): number {
  stderr.write(`reglament users ${command}: the password must have at least 8 characters\n`);
  return 2;
}

/** The `users` subcommand for tools/cli/main.ts. */
export const usersCommand = {
  summary: 'Add or list the users who may sign in to the API (data/users.json)',
  usage: USAGE,
  run: (args: string[]) => runUsers(args),
};
