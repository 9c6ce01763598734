import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatLoadError } from '../../config/loader/LoadError.ts';
import { createRegion, CreateRegionError, type CreatedRegion } from '../onboarding/createRegion.ts';
import { registryFromAnswers } from '../onboarding/registryFromAnswers.ts';
import type { Command } from './main.ts';

const USAGE = `reglament new-region DIR --from REGION_DIR --name "Регион" --authority "Орган" [--id ID] [--timezone TZ] [--registry ANSWERS.json]
       reglament new-region --registry ANSWERS.json     (print registry.yaml made from the answers)`;

/**
 * `reglament new-region`: scaffolds a region folder from an existing one and validates it; with only
 * `--registry ANSWERS.json` it prints the registry.yaml made from the registry attribute form's answers.
 * Exit 0 when the result is valid, 1 when the loader found errors, 2 on bad arguments.
 */
export const newRegionCommand: Command = {
  summary: 'Create a region folder from an existing one (new id, name, authority, timezone) and validate it',
  usage: USAGE,
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          from: { type: 'string' }, name: { type: 'string' }, authority: { type: 'string' },
          id: { type: 'string' }, timezone: { type: 'string' }, registry: { type: 'string' },
        },
      });
    } catch (e) {
      return fail(`${(e as Error).message}\nUsage: ${USAGE}`);
    }
    const { values, positionals } = parsed;
    const answers = values.registry !== undefined ? await readAnswers(values.registry) : undefined;
    if (answers instanceof Error) return fail(answers.message);

    if (positionals.length === 0 && answers !== undefined) return printRegistry(answers);
    const [dir] = positionals;
    if (!dir || positionals.length > 1 || !values.from || values.name === undefined || values.authority === undefined) {
      return fail(`name the new folder and give --from, --name and --authority\nUsage: ${USAGE}`);
    }
    try {
      const created = await createRegion({
        dir, from: values.from, name: values.name, authority: values.authority,
        id: values.id, timezone: values.timezone, registryAnswers: answers,
      });
      return report(created, dir, values.from);
    } catch (e) {
      if (e instanceof CreateRegionError) return fail(e.message);
      throw e;
    }
  },
};

function printRegistry(answers: unknown): number {
  const result = registryFromAnswers(answers);
  if (!result.ok) {
    for (const e of result.errors) process.stderr.write(`${e}\n`);
    return 1;
  }
  process.stdout.write(result.yaml);
  return 0;
}

function report(created: CreatedRegion, dir: string, from: string): number {
  if (!created.load.ok) {
    for (const e of created.load.errors) process.stderr.write(formatLoadError(e) + '\n');
    process.stderr.write(`created ${dir} from ${from}, but it has ${created.load.errors.length} error(s): fix them and run \`reglament validate ${dir}\`\n`);
    return 1;
  }
  const c = created.load.config;
  const lines = [
    `created ${dir} from ${from}: valid`,
    `  id:        ${c.id}`,
    `  title:     ${c.region.title}`,
    `  authority: ${c.region.authority.title}`,
    `  timezone:  ${c.region.timezone}`,
    `  shared:    ${c.region.shared ?? '../_shared (default)'}`,
    `  ${Object.keys(c.services).length} services, ${Object.keys(c.forms).length} forms, ${Object.keys(c.procedures).length} procedures, ` +
      `${Object.keys(c.fees).length} fees, ${Object.keys(c.deadlines).length} deadlines, ${Object.keys(c.roles).length} roles${c.registry ? ', registry' : ''}`,
  ];
  if (created.dropped.length > 0) lines.push(`Not copied (belonged to ${from}): ${created.dropped.join(', ')}`);
  lines.push(
    `Still as in ${from} — check against the new region's regulation:`,
    ...created.review.map((k) => `  region.yaml ${k}`),
    '  fees.yaml, deadlines.yaml (every amount and time limit with its clause), forms/, procedures/, roles.yaml, templates/',
    ...(c.registry ? [`  registry.yaml numbering "${c.registry.numbering.pattern}"`] : []),
    ...(created.aboutSource.length > 0 ? [`  ${created.aboutSource.join(', ')}: written about ${from}; rewrite or delete`] : []),
    `Then: reglament validate ${dir}; reglament diff ${from} ${dir}`,
  );
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

async function readAnswers(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return new Error(`--registry ${file}: ${(e as Error).message}`);
  }
}

function fail(message: string): number {
  process.stderr.write(`reglament new-region: ${message}\n`);
  return 2;
}
