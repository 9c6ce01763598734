/**
 * The virus-scan hook against a small fake clamd on a loopback socket that speaks INSTREAM as clamd
 * does: "zINSTREAM\0", chunks each with a 4-byte big-endian length, a zero length to end, then
 * "stream: OK\0" or "stream: <signature> FOUND\0". It reports the EICAR test string the way clamd does.
 */
import { readdir } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF, SAMPLE, startTestApi, type TestApi } from './harness.ts';

/** The anti-virus test file every scanner reports (it is harmless text). */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** What the fake clamd received in one session: the command and the file, reassembled from its chunks. */
interface Session {
  readonly command: string;
  readonly file: Buffer;
}

function fakeClamd(): Promise<{ server: Server; port: number; sessions: Session[] }> {
  const sessions: Session[] = [];
  const server = createServer((socket: Socket) => {
    let buffered = Buffer.alloc(0);
    let command: string | null = null;
    const parts: Buffer[] = [];
    socket.on('data', (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      if (command === null) {
        const end = buffered.indexOf(0);
        if (end < 0) return;
        command = buffered.subarray(0, end).toString();
        buffered = buffered.subarray(end + 1);
      }
      while (buffered.length >= 4) {
        const length = buffered.readUInt32BE(0);
        if (length === 0) {
          const file = Buffer.concat(parts);
          sessions.push({ command, file });
          socket.end(file.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (buffered.length < 4 + length) return;
        parts.push(buffered.subarray(4, 4 + length));
        buffered = buffered.subarray(4 + length);
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, sessions })));
}

let clamd: Awaited<ReturnType<typeof fakeClamd>>;
let api: TestApi;
const stored = async () => (await readdir(path.join(api.dataDir, 'store', 'uploads'))).filter((n) => n.endsWith('.json')).length;

beforeAll(async () => {
  clamd = await fakeClamd();
  api = await startTestApi([SAMPLE], { env: { CLAMD_ADDRESS: `127.0.0.1:${clamd.port}`, CLAMD_TIMEOUT_MS: '5000' } });
});
afterAll(async () => {
  await api?.close();
  clamd?.server.close();
});

function upload(name: string, content: Buffer) {
  return api.token('applicant@sample').then((token) =>
    api.http().post('/api/regions/sample/services/permit/uploads?field=site.plan').set('Authorization', `Bearer ${token}`).attach('file', content, name),
  );
}

describe('virus scan (CLAMD_ADDRESS)', () => {
  it('streams every byte of the file to clamd and keeps a clean file', async () => {
    // Larger than one 64 KiB INSTREAM chunk, so the file travels in several.
    const big = Buffer.concat([PDF, Buffer.alloc(200_000, 0x20)]);
    const res = await upload('clean.pdf', big);
    expect(res.status).toBe(201);
    const session = clamd.sessions.at(-1)!;
    expect(session.command).toBe('zINSTREAM');
    expect(Buffer.compare(session.file, big)).toBe(0);
    expect(await stored()).toBe(1);
  });

  it('refuses a file clamd finds infected, naming the field and the signature, and keeps nothing', async () => {
    const res = await upload('infected.pdf', Buffer.concat([PDF, Buffer.from(EICAR)]));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'site.plan', keyword: 'virus' })]);
    expect(res.body.error).toContain('Eicar-Test-Signature');
    expect(await stored()).toBe(1);
  });

  it('refuses the upload (503) when clamd cannot be reached: an unscanned file is never kept', async () => {
    await new Promise((resolve) => clamd.server.close(resolve));
    const res = await upload('unscanned.pdf', PDF);
    expect(res.status).toBe(503);
    expect(res.body.error).toMatch(/вирус/);
    expect(await stored()).toBe(1);
  });
});
