import { writeFile } from 'node:fs/promises';
import { generatedTypesFile, generateTypes } from '../../config/generateTypes.ts';
import type { Command } from './main.ts';

/** `reglament generate-types`: regenerates config/types/generated.ts from the schemas. */
export const generateTypesCommand: Command = {
  summary: 'Regenerate config/types/generated.ts from config/schemas (run after changing a schema)',
  usage: 'reglament generate-types',
  async run() {
    await writeFile(generatedTypesFile, await generateTypes());
    process.stdout.write(`wrote ${generatedTypesFile}\n`);
    return 0;
  },
};
