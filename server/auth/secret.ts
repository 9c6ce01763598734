/**
 * The key that signs session tokens: REGLAMENT_SECRET when set, else a random key generated once into
 * <data>/secret (mode 0600) so tokens survive a restart; in memory mode a random key for the process.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** HS256 wants at least 256 bits of key. */
const MIN_SECRET_BYTES = 32;

export async function loadSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env, options: { memory?: boolean } = {}): Promise<Uint8Array> {
  const fromEnv = env.REGLAMENT_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') {
    const bytes = new TextEncoder().encode(fromEnv);
    if (bytes.length < MIN_SECRET_BYTES) throw new Error(`REGLAMENT_SECRET is too short: use at least ${MIN_SECRET_BYTES} bytes (e.g. \`openssl rand -base64 48\`)`);
    return bytes;
  }
  // Memory mode writes nothing: a key for this process only (tokens end with it).
  if (options.memory) return new TextEncoder().encode(randomBytes(48).toString('base64url'));
  const file = path.join(dataDir, 'secret');
  // The data folder holds the users, this key and (embedded store) every application: the server's user only.
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails if another process created the file first; then we read theirs.
    await writeFile(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const text = (await readFile(file, 'utf8')).trim();
  const bytes = new TextEncoder().encode(text);
  if (bytes.length < MIN_SECRET_BYTES) throw new Error(`${file} holds fewer than ${MIN_SECRET_BYTES} bytes; delete it to generate a new one`);
  return bytes;
}
