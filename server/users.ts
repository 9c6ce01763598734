/**
 * Opens the user directory of a data folder: data/users.json when it exists. Development users
 * (`<role>@<region>`, password = role id) are created only when asked for (`serve --dev-users` or
 * REGLAMENT_DEV_USERS=1), never with NODE_ENV=production. Without either, a first start has no users
 * and says how to add one. In memory mode nothing is read from or written to the data folder.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { RegionConfig } from '../engine/api.ts';
import { devUsers, type DevUserOptions } from './auth/devUsers.ts';
import { UserDirectory } from './auth/users.ts';

export const ADD_USER_HINT =
  'add a user with: reglament users add --login <login> --region <region|*> --roles <role,...> --password-stdin [--data <data folder>]';

/** Development users were asked for in production. */
export class DevUsersInProductionError extends Error {
  override name = 'DevUsersInProductionError';
  constructor() {
    super(`development users (role id as password) are refused with NODE_ENV=production; ${ADD_USER_HINT}`);
  }
}

export interface OpenUsersOptions {
  /** Create the development user set when there is no users.json yet. */
  readonly devUsers?: DevUserOptions | false;
  /** NODE_ENV=production: development users are refused. */
  readonly production?: boolean;
  /** Keep the directory in memory: nothing is read from or written to the data folder. */
  readonly memory?: boolean;
}

export async function openUsers(dataDir: string, regions: readonly RegionConfig[], logger: Logger, options: OpenUsersOptions = {}): Promise<UserDirectory> {
  if (options.devUsers && options.production) throw new DevUsersInProductionError();
  const file = path.join(dataDir, 'users.json');
  if (!options.memory) {
    const existing = await UserDirectory.load(file);
    if (existing) {
      if (options.devUsers) logger.warn(`started with --dev-users: ${file} exists and is kept as it is`);
      return existing;
    }
  }
  const target = options.memory ? null : file;
  if (!options.devUsers) {
    logger.warn(`no users yet (${options.memory ? 'memory mode' : file}): ${ADD_USER_HINT}, or start with --dev-users for a laptop`);
    return new UserDirectory([], target);
  }
  const users = new UserDirectory(await devUsers(regions, options.devUsers), target);
  await users.save();
  logger.warn(
    { file: target, logins: users.all().map((u) => u.login) },
    `created DEVELOPMENT users (<role>@<region>, password = role id)${target ? ` in ${target}` : ' in memory'}: never use them for real data (${ADD_USER_HINT})`,
  );
  return users;
}
