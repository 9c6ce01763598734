/**
 * Opens the user directory of a data folder: data/users.json, or, on first start, the development
 * user set written there (with a loud warning).
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { RegionConfig } from '../engine/api.ts';
import { devUsers, type DevUserOptions } from './auth/devUsers.ts';
import { UserDirectory } from './auth/users.ts';

export async function openUsers(dataDir: string, regions: readonly RegionConfig[], logger: Logger, options: DevUserOptions = {}): Promise<UserDirectory> {
  const file = path.join(dataDir, 'users.json');
  const existing = await UserDirectory.load(file);
  if (existing) return existing;
  const users = new UserDirectory(await devUsers(regions, options), file);
  await users.save();
  logger.warn(
    { file, logins: users.all().map((u) => u.login) },
    `created DEVELOPMENT users (<role>@<region>, password = role id) in ${file}: replace them before any real use (reglament users add ...)`,
  );
  return users;
}
