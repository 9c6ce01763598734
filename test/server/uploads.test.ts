import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRegion, SAMPLE, startTestApi, type TestApi } from './harness.ts';
import { permitSubmission } from './sampleData.ts';

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
  api = await startTestApi([SAMPLE, await copyRegion(SAMPLE, 'other')]);
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
  it('leave nothing behind: only the two accepted files and their records are in the store', async () => {
    // The tests above accepted plan.pdf and scan.jpg and refused five, two of them mid-stream (tests in a file run in order).
    // The records of pending uploads are in uploads/, their content where it stays, in attachments/.
    const names = await readdir(path.join(api.dataDir, 'store', 'uploads'));
    expect(names.filter((n) => n.endsWith('.part'))).toEqual([]);
    expect(names.filter((n) => n.endsWith('.json'))).toHaveLength(2);
    expect(names).toHaveLength(2);
    const content = await readdir(path.join(api.dataDir, 'store', 'attachments'));
    expect(content.map((n) => n.replace('.bin', '.json')).sort()).toEqual([...names].sort());
  });
});

describe('filing with attachments', () => {
  const bearer = async (login: string) => ({ Authorization: `Bearer ${await api.token(login)}` });
  const fileWith = async (plan: unknown, login = 'applicant@sample') =>
    api.http().post('/api/regions/sample/services/permit/applications').set(await bearer(login)).send({ submission: { ...permitSubmission(), works: { kinds: ['site'] }, site: { addresses: [{ address: 'г. Екатеринбург, ул. Мира, д. 1' }], plan } } });

  it('files uploads by id, keeping what was recorded of each file, not what the browser said', async () => {
    const first = await api.upload('applicant@sample', 'sample', 'permit', 'site.plan', 'план.pdf');
    const second = await api.upload('applicant@sample', 'sample', 'permit', 'site.plan', 'схема.jpg', JPEG);
    const res = await fileWith([{ ...first, name: 'renamed.exe', size: 1 }, second]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.application.submission.site.plan).toEqual([
      { id: first.id, name: 'план.pdf', size: PDF.length, type: 'application/pdf', sha256: createHash('sha256').update(PDF).digest('hex') },
      { id: second.id, name: 'схема.jpg', size: JPEG.length, type: 'image/jpeg', sha256: createHash('sha256').update(JPEG).digest('hex') },
    ]);
    // The same upload cannot be filed again with another application.
    const again = await fileWith([first]);
    expect(again.status).toBe(422);
    expect(again.body.errors[0]).toMatchObject({ path: 'site.plan' });
    expect(again.body.errors[0].message).toContain('план.pdf');
  });

  it("refuses someone else's upload, an unknown id and more files than the field takes, naming the field", async () => {
    const others = await api.upload('applicant@other', 'other', 'permit', 'site.plan', 'чужой.pdf');
    for (const plan of [[others], [{ id: '00000000-0000-4000-8000-00000000dead', name: 'x.pdf' }]]) {
      const res = await fileWith(plan);
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['site.plan']);
    }
    // test/fixtures/sample's plan takes at most 3 files (maxFiles: 3).
    const four = await Promise.all([1, 2, 3, 4].map((i) => api.upload('applicant@sample', 'sample', 'permit', 'site.plan', `${i}.pdf`)));
    const res = await fileWith(four);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ path: 'site.plan', keyword: 'maxItems' });
    expect(res.body.errors[0].message).toContain('не больше 3 файлов');
  });

  it('lets the applicant and the region\'s staff read a filed attachment, and nobody else', async () => {
    const upload = await api.upload('applicant@sample', 'sample', 'permit', 'site.plan', 'для-всех.pdf');
    expect((await fileWith([upload])).status).toBe(201);
    const read = async (login: string) => (await api.http().get(`/api/uploads/${upload.id}`).set(await bearer(login))).status;
    expect(await read('applicant@sample')).toBe(200);
    expect(await read('officer@sample')).toBe(200);
    expect(await read('head@sample')).toBe(200);
    expect(await read('officer@other')).toBe(404);
    expect(await read('applicant@other')).toBe(404);
    // Each download is in the read audit: who opened which attachment of which application.
    const audit = await api.running.store.listReads({ region: 'sample', userId: 'officer@sample', limit: 100, offset: 0 });
    expect(audit.items.filter((r) => r.id === upload.id)).toEqual([
      expect.objectContaining({ kind: 'attachment', action: 'downloadUpload', applicationId: expect.any(String), roles: ['officer'] }),
    ]);
    // Before it is filed, an upload is its uploader's alone.
    const pending = await api.upload('applicant@sample', 'sample', 'permit', 'site.plan', 'черновик.pdf');
    expect((await api.http().get(`/api/uploads/${pending.id}`).set(await bearer('officer@sample'))).status).toBe(404);
  });
});
