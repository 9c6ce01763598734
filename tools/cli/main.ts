/**
 * The `reglament` command. Each subcommand lives in its own module and is imported only when used,
 * so `reglament validate` does not load the server.
 */
export interface Command {
  readonly summary: string;
  readonly usage: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate.ts')).validateCommand,
  inspect: async () => (await import('./inspect.ts')).inspectCommand,
  schema: async () => (await import('./schema.ts')).schemaCommand,
  'generate-types': async () => (await import('./generateTypesCommand.ts')).generateTypesCommand,
};

/** Registers a subcommand defined in another module (the server, the users command). */
export function registerCommand(name: string, load: () => Promise<Command>): void {
  COMMANDS[name] = load;
}

export async function main(argv: string[]): Promise<number> {
  await registerOptionalCommands();
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await printHelp();
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`reglament: unknown command "${name}"\n\n`);
    await printHelp();
    return 2;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  return command.run(args);
}

/**
 * Commands whose modules live in other folders; listed here so `reglament --help` shows them. Each
 * import names its file literally, so the CLI bundle (bin/cliBundle.mjs) can include it.
 */
async function registerOptionalCommands(): Promise<void> {
  const optional: [string, () => Promise<Record<string, unknown>>, string][] = [
    ['serve', () => import('../../server/cli.ts'), 'serveCommand'],
    ['simulate', () => import('./simulate.ts'), 'simulateCommand'],
    ['check', () => import('./check.ts'), 'checkCommand'],
    ['coverage', () => import('./coverage.ts'), 'coverageCommand'],
    ['new-region', () => import('./newRegion.ts'), 'newRegionCommand'],
    ['diff', () => import('./diff.ts'), 'diffCommand'],
    ['test', () => import('./test.ts'), 'testCommand'],
    ['users', () => import('../../server/usersCommand.ts'), 'usersCommand'],
  ];
  for (const [name, load, exportName] of optional) registerCommand(name, async () => toCommand(await load(), exportName));
}

/** A module exports its Command, or (the server) a plain `runServe(args)` function. */
function toCommand(mod: Record<string, unknown>, exportName: string): Command {
  if (mod[exportName]) return mod[exportName] as Command;
  const run = mod.runServe as (args: string[]) => Promise<number>;
  return { summary: 'Start the HTTP server with the bundled (or given) regions', usage: 'reglament serve [--port N] [--host H] [--data DIR] [REGION_DIR...]', run };
}

async function printHelp(): Promise<void> {
  const lines = ['Usage: reglament <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const c = await load();
    lines.push(`  ${name.padEnd(16)} ${c.summary}`);
  }
  lines.push('', 'Run `reglament <command> --help` for a command\'s options.');
  process.stdout.write(lines.join('\n') + '\n');
}
