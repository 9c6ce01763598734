/**
 * `reglament users add --login L --region R --roles a,b [--name N] [--data DIR] --password-stdin`
 * `reglament users list [--data DIR]`
 * Manages data/users.json; the password is read from standard input so it stays out of shell history.
 */
import { text } from 'node:stream/consumers';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hashPassword } from './auth/password.ts';
import { UserDirectory } from './auth/users.ts';

const USAGE = [
  'reglament users add --login <login> --region <region|*> --roles <role,role> [--name <name>] [--data ./data] --password-stdin',
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
  if (positionals[0] !== 'add') {
    stderr.write(`Usage: ${USAGE}\n`);
    return 2;
  }
  if (!values.login || !values.region || !values.roles || !values['password-stdin']) {
    stderr.write(`reglament users add: --login, --region, --roles and --password-stdin are required\nUsage: ${USAGE}\n`);
    return 2;
  }
  const password = (await text(io.stdin ?? process.stdin)).replace(/\r?\n$/, '');
  if (password.length < 8) {
    stderr.write('reglament users add: the password must have at least 8 characters\n');
    return 2;
  }
  const roles = values.roles.split(',').map((r) => r.trim()).filter(Boolean);
  await directory.upsert({ login: values.login, name: values.name ?? values.login, region: values.region, roles, passwordHash: await hashPassword(password) });
  stdout.write(`saved ${values.login} (${values.region}: ${roles.join(', ')}) in ${file}\n`);
  return 0;
}

/** The `users` subcommand for tools/cli/main.ts. */
export const usersCommand = {
  summary: 'Add or list the users who may sign in to the API (data/users.json)',
  usage: USAGE,
  run: (args: string[]) => runUsers(args),
};
