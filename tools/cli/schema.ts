import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readSchemas } from '../../config/loader/schemaValidator.ts';
import type { Command } from './main.ts';

/** `reglament schema [DIR]`: writes the JSON Schemas so an editor's YAML extension can use them. */
export const schemaCommand: Command = {
  summary: 'Write the config language JSON Schemas to a folder (default ./schemas) for editor autocompletion',
  usage: 'reglament schema [DIR]',
  async run(args) {
    const dir = args.find((a) => !a.startsWith('-')) ?? 'schemas';
    await mkdir(dir, { recursive: true });
    const schemas = readSchemas();
    for (const [name, schema] of Object.entries(schemas)) await writeFile(path.join(dir, name), JSON.stringify(schema, null, 2) + '\n');
    process.stdout.write(`wrote ${Object.keys(schemas).length} schemas to ${dir}/\n`);
    return 0;
  },
};
