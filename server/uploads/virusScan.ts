/**
 * The virus-scan hook: every upload is streamed to clamd (ClamAV's daemon) with its INSTREAM command
 * while it arrives, and kept only if clamd answers "OK". Configured by CLAMD_ADDRESS (a Unix socket
 * path such as /run/clamav/clamd.ctl, or host:port for TCP); without it there is no scan. When it is
 * configured but clamd cannot be reached or does not answer in time, the upload is refused (503):
 * an unscanned file is never kept.
 *
 * INSTREAM: the client sends "zINSTREAM\0", then each chunk as a 4-byte big-endian length and the
 * bytes, then a zero length; clamd answers "stream: OK\0", "stream: <signature> FOUND\0" or
 * "... ERROR\0" (e.g. "INSTREAM size limit exceeded. ERROR" past its StreamMaxLength).
 */
import { connect, type Socket } from 'node:net';

export type ScanVerdict = { readonly clean: true } | { readonly clean: false; readonly signature: string };

/** One file being scanned. */
export interface ScanSession {
  /** Sends a chunk; resolves when clamd's socket takes more (back-pressure). */
  write(chunk: Buffer): Promise<void>;
  /** Ends the file and waits for the verdict. */
  end(): Promise<ScanVerdict>;
  /** Gives up (the upload was refused for another reason). */
  abort(): void;
}

export interface VirusScanner {
  start(): Promise<ScanSession>;
}

/** clamd could not scan the file: the upload is refused, since it cannot be kept unscanned. */
export class ScanUnavailableError extends Error {
  override name = 'ScanUnavailableError';
}

/** clamd's largest chunk is its StreamMaxLength; chunks of 64 KiB keep each write small. */
const CHUNK = 64 * 1024;

export interface ClamdOptions {
  /** A Unix socket path, or host:port. */
  readonly address: string;
  /** How long to wait for a connection and for the verdict after the last byte. Default 30 s. */
  readonly timeoutMs?: number;
}

/** A scanner that asks clamd at `address`. */
export function clamdScanner(options: ClamdOptions): VirusScanner {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const target = parseAddress(options.address);
  return {
    start: () =>
      new Promise<ScanSession>((resolve, reject) => {
        const socket = 'path' in target ? connect(target.path) : connect(target.port, target.host);
        socket.setTimeout(timeoutMs);
        const reply: Buffer[] = [];
        let failure: Error | null = null;
        const answered = new Promise<string>((done, fail) => {
          socket.on('data', (data: Buffer) => reply.push(data));
          socket.on('end', () => done(Buffer.concat(reply).toString('utf8').replace(/\0+$/, '').trim()));
          socket.on('error', (e) => fail((failure = new ScanUnavailableError(`clamd at ${options.address}: ${e.message}`))));
          socket.on('timeout', () => {
            failure = new ScanUnavailableError(`clamd at ${options.address} did not answer within ${timeoutMs} ms`);
            socket.destroy(failure);
            fail(failure);
          });
        });
        answered.catch(() => undefined); // observed in end(); a connect failure rejects start()
        socket.once('error', reject);
        socket.once('connect', () => {
          socket.off('error', reject);
          socket.write('zINSTREAM\0');
          const send = (data: Buffer) =>
            new Promise<void>((done, fail) => {
              if (failure) return fail(failure);
              const header = Buffer.alloc(4);
              header.writeUInt32BE(data.length);
              socket.write(header);
              if (socket.write(data)) done();
              else socket.once('drain', done);
            });
          resolve({
            async write(chunk) {
              for (let start = 0; start < chunk.length; start += CHUNK) await send(chunk.subarray(start, start + CHUNK));
            },
            async end() {
              if (failure) throw failure;
              socket.end(Buffer.alloc(4));
              const text = await answered;
              const found = /^stream: (.+) FOUND$/.exec(text);
              if (found) return { clean: false, signature: found[1] };
              if (text === 'stream: OK') return { clean: true };
              throw new ScanUnavailableError(`clamd at ${options.address} could not scan the file: ${text || 'no answer'}`);
            },
            abort() {
              socket.destroy();
            },
          });
        });
      }).catch((e: unknown) => {
        throw e instanceof ScanUnavailableError ? e : new ScanUnavailableError(`clamd at ${options.address}: ${(e as Error).message}`);
      }),
  };
}

/** The scanner the environment configures (CLAMD_ADDRESS, CLAMD_TIMEOUT_MS), or null: no scan. */
export function scannerFromEnv(env: NodeJS.ProcessEnv): VirusScanner | null {
  const address = env.CLAMD_ADDRESS?.trim();
  if (!address) return null;
  const timeout = env.CLAMD_TIMEOUT_MS;
  if (timeout !== undefined && timeout !== '' && !/^[1-9]\d{0,6}$/.test(timeout)) throw new RangeError(`CLAMD_TIMEOUT_MS must be a whole number of milliseconds, got "${timeout}"`);
  return clamdScanner({ address, timeoutMs: timeout ? Number(timeout) : undefined });
}

function parseAddress(address: string): { path: string } | { host: string; port: number } {
  const tcp = /^(.+):(\d{1,5})$/.exec(address);
  if (tcp && !address.startsWith('/')) return { host: tcp[1].replace(/^\[|\]$/g, ''), port: Number(tcp[2]) };
  return { path: address };
}
