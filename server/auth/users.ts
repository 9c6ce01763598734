/**
 * The user directory: data/users.json, `{ "users": [{ login, name, region, roles, passwordHash }] }`.
 * Read once at start and kept in memory; written atomically (temp file + rename, mode 0600) on change.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface User {
  readonly login: string;
  readonly name: string;
  /** Region id the user works in or files in; "*" for platform staff who act in every region. */
  readonly region: string;
  readonly roles: readonly string[];
  readonly passwordHash: string;
}

/** What the API shows of a user (never the hash). */
export interface PublicUser {
  readonly login: string;
  readonly name: string;
  readonly region: string;
  readonly roles: readonly string[];
}

export const publicUser = (u: User): PublicUser => ({ login: u.login, name: u.name, region: u.region, roles: [...u.roles] });

export class UserFileError extends Error {
  override name = 'UserFileError';
}

export class UserDirectory {
  readonly #byLogin = new Map<string, User>();

  /** `file` is where changes are saved; null keeps the directory in memory only (tests). */
  constructor(users: readonly User[], readonly file: string | null = null) {
    for (const u of users) this.#put(u);
  }

  /** Reads `file`; returns undefined when it does not exist yet. */
  static async load(file: string): Promise<UserDirectory | undefined> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new UserFileError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    const list = (data as { users?: unknown })?.users;
    if (!Array.isArray(list)) throw new UserFileError(`${file}: expected { "users": [...] }`);
    list.forEach((u, i) => checkUser(u, `${file}: users[${i}]`));
    return new UserDirectory(list as User[], file);
  }

  find(login: string): User | undefined {
    return this.#byLogin.get(login.toLowerCase());
  }

  all(): User[] {
    return [...this.#byLogin.values()];
  }

  get size(): number {
    return this.#byLogin.size;
  }

  /** Adds or replaces a user (logins are case-insensitive) and saves the file. */
  async upsert(user: User): Promise<void> {
    checkUser(user, `user ${user.login}`);
    this.#put(user);
    await this.save();
  }

  async save(): Promise<void> {
    if (!this.file) return;
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    // The file holds password hashes: readable by the server's user only.
    await writeFile(tmp, `${JSON.stringify({ users: this.all() }, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
  }

  #put(user: User): void {
    this.#byLogin.set(user.login.toLowerCase(), Object.freeze({ ...user, roles: Object.freeze([...user.roles]) }));
  }
}

function checkUser(u: unknown, where: string): asserts u is User {
  const x = u as Partial<User> | null;
  const ok =
    !!x &&
    typeof x.login === 'string' && x.login.length > 0 &&
    typeof x.name === 'string' &&
    typeof x.region === 'string' && x.region.length > 0 &&
    Array.isArray(x.roles) && x.roles.every((r) => typeof r === 'string') &&
    typeof x.passwordHash === 'string' && x.passwordHash.startsWith('scrypt$');
  if (!ok) throw new UserFileError(`${where}: needs login, name, region, roles (list) and passwordHash (scrypt$...)`);
}
