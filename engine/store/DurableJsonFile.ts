import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { durableWrite } from './durableWrite.ts';
import { isMissingFile } from './missingFile.ts';

/**
 * A lowdb adapter for one JSON file whose writes are atomic and fsynced (see durableWrite);
 * lowdb's own JSONFile adapter renames without fsync, so an acknowledged write could be lost on power failure.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(readonly path: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch (error) {
      if (isMissingFile(error)) return null;
      throw error;
    }
  }

  write(data: T): Promise<void> {
    return durableWrite(this.path, JSON.stringify(data));
  }
}
