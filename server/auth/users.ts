/**
 * The user directory: data/users.json, `{ "users": [{ login, name, region, roles, passwordHash, tokenVersion }] }`.
 * Kept in memory; written atomically (temp file + rename, mode 0600) on change; a running server
 * re-reads the file when it changes (`watch`), so `reglament users ...` takes effect without a restart.
 *
 * `tokenVersion` ends every session of a user at once: tokens carry the version they were issued
 * under and are refused once it has moved on. A password change and `reglament users revoke` move it.
 * Listeners (`onChange`) hear of every change, so open live streams can end with their sessions.
 */
import { randomBytes } from 'node:crypto';
import { unwatchFile, watchFile } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ChangeListeners } from './ChangeListeners.ts';

export interface User {
  readonly login: string;
  readonly name: string;
  /** Region id the user works in or files in; "*" for platform staff who act in every region. */
  readonly region: string;
  readonly roles: readonly string[];
  readonly passwordHash: string;
  /** Sessions issued under an earlier version are refused (0 when absent). */
  readonly tokenVersion?: number;
}

/** The token version of a user (0 until a password change or revocation). */
export const tokenVersionOf = (user: User): number => user.tokenVersion ?? 0;

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
  #byLogin = new Map<string, User>();
  readonly #changes = new ChangeListeners();

  /** `file` is where changes are saved; null keeps the directory in memory only (tests). */
  constructor(users: readonly User[], readonly file: string | null = null) {
    this.#byLogin = UserDirectory.#index(users);
  }

  /** Reads `file`; returns undefined when it does not exist yet. */
  static async load(file: string): Promise<UserDirectory | undefined> {
    const users = await readUsers(file);
    return users && new UserDirectory(users, file);
  }

  find(login: string): User | undefined {
    return this.#byLogin.get(login.toLowerCase());
  }

  all(): User[] {
    return [...this.#byLogin.values()];
  }

  /** Calls `listener` after every change of the users (here, or in the file when re-read); returns the function that stops it. */
  onChange(listener: () => void): () => void {
    return this.#changes.add(listener);
  }

  get size(): number {
    return this.#byLogin.size;
  }

  /**
   * Adds or replaces a user (logins are case-insensitive) and saves the file. Replacing the password
   * of an existing user ends their sessions (the token version moves on).
   */
  async upsert(user: User): Promise<void> {
    checkUser(user, `user ${user.login}`);
    const existing = this.find(user.login);
    const passwordChanged = existing !== undefined && existing.passwordHash !== user.passwordHash;
    const version = Math.max(tokenVersionOf(user), existing ? tokenVersionOf(existing) : 0) + (passwordChanged ? 1 : 0);
    this.#put({ ...user, tokenVersion: version });
    await this.save();
  }

  /** Ends every session of `login` (an administrator's revocation); false when there is no such user. */
  async revokeSessions(login: string): Promise<boolean> {
    const user = this.find(login);
    if (!user) return false;
    this.#put({ ...user, tokenVersion: tokenVersionOf(user) + 1 });
    await this.save();
    return true;
  }

  async save(): Promise<void> {
    if (!this.file) return;
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    // The file holds password hashes: readable by the server's user only.
    await writeFile(tmp, `${JSON.stringify({ users: this.all() }, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
  }

  /** Re-reads the file (another process changed it); a file that is gone or broken leaves the directory as it was and throws. */
  async reload(): Promise<void> {
    if (!this.file) return;
    const users = await readUsers(this.file);
    if (!users) throw new UserFileError(`${this.file} is gone; keeping the users read before`);
    this.#byLogin = UserDirectory.#index(users);
    this.#changes.tell();
  }

  /**
   * Re-reads the file whenever it changes (polled every `intervalMs`: a stat, never on a request's
   * path). Returns the function that stops watching.
   */
  watch(onReload: (error: unknown | null) => void, intervalMs = 1000): () => void {
    const file = this.file;
    if (!file) return () => undefined;
    const listener = (now: { mtimeMs: number }, before: { mtimeMs: number }) => {
      if (now.mtimeMs === before.mtimeMs) return;
      this.reload().then(() => onReload(null), onReload);
    };
    watchFile(file, { interval: intervalMs, persistent: false }, listener);
    return () => unwatchFile(file, listener);
  }

  #put(user: User): void {
    this.#byLogin.set(user.login.toLowerCase(), freezeUser(user));
    this.#changes.tell();
  }

  static #index(users: readonly User[]): Map<string, User> {
    return new Map(users.map((u) => [u.login.toLowerCase(), freezeUser(u)]));
  }
}

const freezeUser = (user: User): User => Object.freeze({ ...user, roles: Object.freeze([...user.roles]) });

/** The users of `file`, checked; undefined when the file does not exist. */
async function readUsers(file: string): Promise<User[] | undefined> {
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
  return list as User[];
}

function checkUser(u: unknown, where: string): asserts u is User {
  const x = u as Partial<User> | null;
  const ok =
    !!x &&
    typeof x.login === 'string' && x.login.length > 0 &&
    typeof x.name === 'string' &&
    typeof x.region === 'string' && x.region.length > 0 &&
    Array.isArray(x.roles) && x.roles.every((r) => typeof r === 'string') &&
    typeof x.passwordHash === 'string' && x.passwordHash.startsWith('scrypt$') &&
    (x.tokenVersion === undefined || (Number.isInteger(x.tokenVersion) && x.tokenVersion >= 0));
  if (!ok) throw new UserFileError(`${where}: needs login, name, region, roles (list) and passwordHash (scrypt$...); tokenVersion, if given, a whole number`);
}
