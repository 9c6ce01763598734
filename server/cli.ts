/**
 * `reglament serve [region dirs...] [--port N] [--host H] [--data DIR] [--memory] [--dev-users]`
 * (env PORT, HOST, DATA_DIR, REGLAMENT_SECRET, REGLAMENT_DEV_USERS, NODE_ENV, LOG_LEVEL, TRUST_PROXY, DATABASE_URL,
 * DATABASE_SCHEMA, DATABASE_POOL_SIZE, METRICS_TOKEN, IDEMPOTENCY_KEY_HOURS, AUDIT_RETENTION_DAYS; see the README's
 * "Running in production"). Returns the exit code: 1 when
 * the config is invalid (each loader error printed as file:line:col path message), 0 after a clean
 * shutdown on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { formatLoadError } from '../config/loader/LoadError.ts';
import { ConfigInvalidError, startServer, type StartOptions } from './start.ts';

export const SERVE_USAGE = 'reglament serve [region-dir...] [--port 3000] [--host 127.0.0.1] [--data ./data] [--memory] [--dev-users]';

export interface ServeIo {
  readonly env?: NodeJS.ProcessEnv;
  readonly stderr?: { write(text: string): unknown };
  /** Resolves when the server should stop; default: the first SIGINT or SIGTERM. */
  readonly stopSignal?: Promise<unknown>;
  /** Extra options for startServer (tests pass a logger, a clock...). */
  readonly start?: Partial<StartOptions>;
}

export async function runServe(argv: string[], io: ServeIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const stderr = io.stderr ?? process.stderr;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, memory: { type: 'boolean' }, 'dev-users': { type: 'boolean' } },
    });
  } catch (e) {
    stderr.write(`reglament serve: ${(e as Error).message}\nUsage: ${SERVE_USAGE}\n`);
    return 2;
  }
  const portText = parsed.values.port ?? env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    stderr.write(`reglament serve: --port must be a number from 0 to 65535, got "${portText}"\n`);
    return 2;
  }

  let running;
  try {
    running = await startServer({
      ...io.start,
      regionsDirs: parsed.positionals,
      port,
      host: parsed.values.host ?? env.HOST ?? '127.0.0.1',
      dataDir: parsed.values.data ?? env.DATA_DIR ?? 'data',
      memory: parsed.values.memory ?? false,
      ...(parsed.values['dev-users'] ? { devUsers: io.start?.devUsers || true } : {}),
      env,
    });
  } catch (e) {
    if (e instanceof ConfigInvalidError) {
      for (const error of e.errors) stderr.write(`${formatLoadError(error)}\n`);
      stderr.write(`reglament serve: not started: ${e.errors.length} error(s) in the region config\n`);
      return 1;
    }
    stderr.write(`reglament serve: ${(e as Error).message}\n`);
    return 1;
  }

  await (io.stopSignal ?? signal());
  await running.close();
  return 0;
}

function signal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (name: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(name);
    };
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

/** The `serve` subcommand for tools/cli/main.ts. */
export const serveCommand = {
  summary: 'Run the HTTP API over the region folders (default: every folder under regions/ not starting with "_")',
  usage: SERVE_USAGE,
  run: (args: string[]) => runServe(args),
};
