/**
 * The real server as a child process (`node bin/reglament.mjs serve --port 0 …`), so a test can kill
 * it with SIGKILL and tell a crash (the process exits on its own) from a refused request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const REPO = path.resolve(import.meta.dirname, '../../..');
export const SAMPLE = path.join(REPO, 'test/fixtures/sample');
/** The token secret every test server shares, so a token survives restarts and works on each process. */
export const TEST_SECRET = 'reliability-'.repeat(4);

export interface ServerOptions {
  readonly dataDir: string;
  readonly regionDirs?: readonly string[];
  /** Extra environment, e.g. DATABASE_URL. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long start-up may take before the test gives up (not a measurement). Default 90 s. */
  readonly startTimeoutMs?: number;
  /** The file mode creation mask to run the server under (e.g. "000"); default: the test's own. */
  readonly umask?: string;
}

export class ServerProcess {
  readonly #child: ChildProcess;
  readonly #output: string[] = [];
  readonly #lineListeners = new Set<(line: string) => void>();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  url = '';

  private constructor(options: ServerOptions) {
    const args = [path.join(REPO, 'bin/reglament.mjs'), 'serve', '--port', '0', '--host', '127.0.0.1', '--data', options.dataDir, '--dev-users', ...(options.regionDirs ?? [SAMPLE])];
    // A umask is set by a shell that then becomes the server (exec), so signals still reach it directly.
    const [command, commandArgs] = options.umask === undefined ? [process.execPath, args] : ['/bin/sh', ['-c', `umask ${options.umask} && exec "$0" "$@"`, process.execPath, ...args]];
    this.#child = spawn(command, commandArgs, {
      cwd: REPO,
      env: { ...process.env, LOG_LEVEL: 'info', REGLAMENT_SECRET: TEST_SECRET, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) =>
      this.#child.once('exit', (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      }),
    );
    // One reader per stream for the child's whole life: a pipe nobody drains fills up, and a child
    // blocked on a full stdout never finishes its shutdown.
    for (const stream of [this.#child.stdout!, this.#child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.#output.push(line);
        if (this.#output.length > 200) this.#output.shift();
        for (const listener of this.#lineListeners) listener(line);
      });
    }
  }

  /** Starts the server and resolves once it logs the address it listens on. */
  static async start(options: ServerOptions): Promise<ServerProcess> {
    const server = new ServerProcess(options);
    const timeoutMs = options.startTimeoutMs ?? 90_000;
    server.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${server.output()}`)), timeoutMs);
      const onLine = (line: string) => {
        const match = /listening on (http:\/\/[^\s"]+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          server.#lineListeners.delete(onLine);
          resolve(match[1]);
        }
      };
      server.#lineListeners.add(onLine);
      void server.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`server exited during start-up (code ${code}, signal ${signal}):\n${server.output()}`));
      });
    });
    return server;
  }

  get alive(): boolean {
    return this.#exit === undefined;
  }

  get pid(): number {
    return this.#child.pid!;
  }

  /** The last lines the server printed, for failure messages. */
  output(): string {
    return this.#output.join('\n');
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.#child.kill(signal);
    await this.exited;
  }

  /**
   * Graceful stop (SIGTERM: finish requests in flight, close the store). A server still running after
   * `timeoutMs` is killed and the stop fails with its last lines: a shutdown that hangs is a bug.
   */
  async stop(timeoutMs = 30_000): Promise<void> {
    if (!this.alive) return;
    this.#child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), timeoutMs)));
    const outcome = await Promise.race([this.exited, hung]);
    clearTimeout(timer);
    if (outcome === 'hung') {
      await this.kill();
      throw new Error(`server did not stop within ${timeoutMs} ms of SIGTERM:\n${this.output()}`);
    }
  }
}
