import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_RETENTION_MS, UploadStore } from '../../server/uploads/uploadStore.ts';
import { SAMPLE, startTestApi, type TestApi } from './harness.ts';

const MiB = 1024 * 1024;
const URL_PATH = '/api/regions/sample/services/permit/uploads?field=site.plan';
const BOUNDARY = 'reglament-test-boundary';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64)]);

const partHead = (name: string) =>
  Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
const partTail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
const multipart = (name: string, content: Buffer) => Buffer.concat([partHead(name), content, partTail]);

let api: TestApi;
let token: string;
beforeAll(async () => {
  api = await startTestApi([SAMPLE]);
  token = await api.token('applicant@sample');
});
afterAll(() => api.close());

function upload(name: string, content: Buffer) {
  return api
    .http()
    .post(URL_PATH)
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`)
    .send(multipart(name, content));
}

/**
 * Sends a multipart body of `total` bytes of PDF-looking content, chunk by chunk as the socket takes
 * them, until the server answers; returns the answer and how many bytes the server let through.
 */
function streamLarge(total: number, headers: Record<string, string> = {}): Promise<{ status: number; body: { errors?: { path: string }[] }; sent: number }> {
  return new Promise((resolve, reject) => {
    const url = new URL(api.url);
    let sent = 0;
    let answered = false;
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: URL_PATH,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    });
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode!, body: JSON.parse(text), sent });
      });
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < total) {
        const piece = sent === 0 ? Buffer.concat([partHead('big.pdf'), PDF, chunk]) : chunk;
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!answered) req.end(partTail);
    };
    pump();
  });
}

describe('attachments as files', () => {
  it('keeps an uploaded PDF with its sniffed type, size and sha256, and gives it back only to its owner', async () => {
    const res = await upload('план участка.pdf', PDF);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      field: 'site.plan',
      name: 'план участка.pdf',
      type: 'application/pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const own = await api.http().get(`/api/uploads/${res.body.id}`).set('Authorization', `Bearer ${token}`).buffer(true).parse((r, cb) => {
      const parts: Buffer[] = [];
      r.on('data', (c: Buffer) => parts.push(c));
      r.on('end', () => cb(null, Buffer.concat(parts)));
    });
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(own.body as Buffer, PDF)).toBe(0);
    const other = await api.http().get(`/api/uploads/${res.body.id}`).set('Authorization', `Bearer ${await api.token('officer@sample')}`);
    expect(other.status).toBe(404);
  });

  it('refuses HTML named .pdf, naming the field', async () => {
    const res = await upload('press.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('site.plan');
  });

  it('refuses a JPEG named .pdf: an allowed type, but not the one its extension says', async () => {
    const res = await upload('scan.pdf', JPEG);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('site.plan');
    expect((await upload('scan.jpg', JPEG)).status).toBe(201);
  });

  it('refuses an extension outside the field formats', async () => {
    const res = await upload('plan.png', PDF);
    expect(res.status).toBe(422);
    expect(res.body.error).toContain('pdf, jpg');
  });

  it('refuses a 30 MB file (limit 20 MB) declared by Content-Length before reading its body', async () => {
    const total = 30 * MiB;
    const length = partHead('big.pdf').length + total + partTail.length;
    const res = await streamLarge(total, { 'Content-Length': String(length) });
    expect(res.status).toBe(413);
    expect(res.body.errors?.[0].path).toBe('site.plan');
    // Refused on the header: what got through is only what socket buffers took, not even the limit.
    expect(res.sent).toBeLessThan(20 * MiB);
  });

  it('cuts off a 30 MB file sent without a length at the 20 MB limit: the server stops reading', async () => {
    const total = 30 * MiB;
    const res = await streamLarge(total);
    expect(res.status).toBe(413);
    expect(res.body.errors?.[0].path).toBe('site.plan');
    // The client could push at most the limit plus what socket buffers hold before the server stopped.
    expect(res.sent).toBeLessThan(total);
  });
});

describe('refused uploads', () => {
  it('leave nothing behind: only the two accepted files and their records are in the uploads folder', async () => {
    // The tests above accepted plan.pdf and scan.jpg and refused five, two of them mid-stream (tests in a file run in order).
    const names = await readdir(path.join(api.dataDir, 'uploads'));
    expect(names.filter((n) => n.endsWith('.part'))).toEqual([]);
    expect(names.filter((n) => n.endsWith('.json'))).toHaveLength(2);
    expect(names).toHaveLength(4);
  });
});

describe('upload retention', () => {
  it('removes uploads older than the retention and keeps newer ones, with their records', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'reglament-uploads-'));
    const store = new UploadStore(dir);
    const keep = async (daysOld: number) => {
      const { id, out } = await store.begin();
      await new Promise<void>((resolve) => out.end('x', resolve));
      await store.commit({ id, owner: 'a', region: 'r', service: 's', field: 'f', name: 'x.pdf', type: 'application/pdf', size: 1, sha256: '0'.repeat(64), createdAt: '' });
      const then = new Date(Date.now() - daysOld * 86_400_000);
      await utimes(path.join(dir, id), then, then);
      await utimes(path.join(dir, `${id}.json`), then, then);
      return id;
    };
    const old = await keep(2);
    const fresh = await keep(0);
    expect(await store.sweep(new Date(Date.now() - UPLOAD_RETENTION_MS))).toBe(1);
    expect(await store.get(old)).toBeNull();
    expect(await store.get(fresh)).not.toBeNull();
    expect((await readdir(dir)).sort()).toEqual([fresh, `${fresh}.json`].sort());
    await rm(dir, { recursive: true, force: true });
  });
});
