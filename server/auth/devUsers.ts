/**
 * The development user set, created when data/users.json does not exist: one user per role of every
 * loaded folder, `<role>@<folder>` with the password `<role>`. Convenient on a laptop, unsafe anywhere
 * else: the server logs a warning whenever it creates them.
 */
import type { RegionConfig } from '../../engine/api.ts';
import { hashPassword } from './password.ts';
import { EVERY_REGION } from './access.ts';
import type { User } from './users.ts';

export interface DevUserOptions {
  /** scrypt cost; tests pass a small one so seeding stays quick. */
  readonly cost?: { N: number; r: number; p: number };
}

/** Builds (and hashes the passwords of) the development users of `configs`. */
export async function devUsers(configs: readonly RegionConfig[], options: DevUserOptions = {}): Promise<User[]> {
  const users: User[] = [];
  for (const config of configs) {
    const platform = config.region.kind === 'platform';
    for (const role of Object.values(config.roles)) {
      // Platform staff (a platform folder's non-applicant roles) serve every region; its applicants file
      // in the platform folder itself.
      const region = platform && !role.applicant ? EVERY_REGION : config.id;
      users.push({
        login: `${role.id}@${config.id}`,
        name: `${role.title} (${config.region.title})`,
        region,
        roles: [role.id],
        passwordHash: await hashPassword(role.id, options.cost),
      });
    }
  }
  return users;
}
