/**
 * The second region (test/fixtures/eastern) end to end over HTTP, beside the sample it was made from, on
 * the real server, engine and file store: every way it differs takes effect with no code naming it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../server/harness.ts';
import { approveReview, permitSubmission } from '../server/sampleData.ts';
import { EASTERN, REPO, SAMPLE } from './cli.ts';

let api: TestApi;

/** Signs in afresh: tokens are dated by the test clock, which these tests move by months. */
async function bearer(login: string) {
  const res = await api.http().post('/api/auth/login').send({ login, password: login.split('@')[0] });
  if (res.status !== 200) throw new Error(`login ${login}: ${res.status}`);
  return { Authorization: `Bearer ${res.body.token as string}` };
}

beforeAll(async () => {
  api = await startTestApi([SAMPLE, EASTERN]);
});
afterAll(() => api?.close());

/** A valid permit application: the same data in both regions, plus the address the second one asks for. */
const submission = (region: 'sample' | 'eastern') =>
  region === 'sample' ? permitSubmission() : { ...permitSubmission(), applicant: { ...permitSubmission().applicant, address: 'г. Восточный, ул. Морская, 5' } };

/** Files a permit application in `region` at the instant `at`. */
async function file(region: 'sample' | 'eastern', at: string, data: unknown = submission(region)) {
  api.clock.current = new Date(at);
  return api.http().post(`/api/regions/${region}/services/permit/applications`).set(await bearer(`applicant@${region}`)).send({ submission: data });
}

async function send(id: string, login: string, event: string, version: number, payload?: unknown) {
  return api.http().post(`/api/applications/${id}/events`).set(await bearer(login)).send({ event, version, ...(payload ? { payload } : {}) });
}

describe('the second region over HTTP', () => {
  it('registers by its own timezone: an instant that is Tuesday evening in Yekaterinburg is Wednesday night in Vladivostok', async () => {
    // 15:00 UTC, Tue 04.03.2025: 20:00 in Yekaterinburg (after hours: registered the next working day,
    // Wed 05.03); 01:00 on Wed 05.03 in Vladivostok (before opening: registered the day after, Thu 06.03).
    const sample = await file('sample', '2025-03-04T15:00:00Z');
    const eastern = await file('eastern', '2025-03-04T15:00:00Z');
    expect([sample.status, eastern.status]).toEqual([201, 201]);
    expect(sample.body.application.registeredOn).toBe('2025-03-05');
    expect(eastern.body.application.registeredOn).toBe('2025-03-06');
  });

  it('skips its own non-working day (05.09.2025) when counting, where the sample counts it', async () => {
    // 05:00 UTC, Mon 01.09.2025: within office hours in both timezones, so both register on 01.09.
    const sample = await file('sample', '2025-09-01T05:00:00Z');
    const eastern = await file('eastern', '2025-09-01T05:00:00Z');
    expect([sample.body.application.registeredOn, eastern.body.application.registeredOn]).toEqual(['2025-09-01', '2025-09-01']);
    // The same 10 working days: 2–5, 8–12, 15 September in the sample, where Friday 05.09 is a working day;
    // 2–4, 8–12, 15, 16 September in the second region, whose own holiday is 05.09.
    expect(sample.body.application.serviceDue).toEqual({ date: '2025-09-15', provisional: false });
    expect(eastern.body.application.serviceDue).toEqual({ date: '2025-09-16', provisional: false });
  });

  it('gives its review step 3 working days instead of 5', async () => {
    // 06:00 UTC, Wed 05.03.2025: within office hours in both timezones; registered and sent to review that day.
    const sample = await file('sample', '2025-03-05T06:00:00Z');
    const eastern = await file('eastern', '2025-03-05T06:00:00Z');
    const inReview = await Promise.all([
      send(sample.body.application.id, 'officer@sample', 'REGISTER', 1),
      send(eastern.body.application.id, 'officer@eastern', 'REGISTER', 1),
    ]);
    expect(inReview.map((r) => [r.body.step.id, r.body.application.stepStartedOn])).toEqual([['review', '2025-03-05'], ['review', '2025-03-05']]);
    expect(inReview[0]!.body.step.due).toEqual({ date: '2025-03-12', provisional: false }); // 6, 7, 10, 11, 12 March
    expect(inReview[1]!.body.step.due).toEqual({ date: '2025-03-10', provisional: false }); // 6, 7, 10 March
  });

  it('requires its extra field: the address of the applicant', async () => {
    const withoutAddress = permitSubmission();
    const refused = await file('eastern', '2025-03-05T06:00:00Z', withoutAddress);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['applicant.address']);
    // The sample has no such field: the same data is accepted there, and an address refused as unknown.
    expect((await file('sample', '2025-03-05T06:00:00Z', withoutAddress)).status).toBe(201);
    const unknown = await file('sample', '2025-03-05T06:00:00Z', submission('eastern'));
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'applicant.address', keyword: 'additionalProperties' })]);
    expect((await file('eastern', '2025-03-05T06:00:00Z', submission('eastern'))).status).toBe(201);
  });

  it('charges its new fee from 01.01.2026 and the old one before', async () => {
    // Tue 30.12.2025, 12:00 in Vladivostok; Mon 12.01.2026, 12:00 there (1–9 January are holidays).
    const before = await file('eastern', '2025-12-30T02:00:00Z');
    expect(before.body.application.registeredOn).toBe('2025-12-30');
    expect(before.body.application.fee).toMatchObject({ feeId: 'permit', amount: 1500 });
    const after = await file('eastern', '2026-01-12T02:00:00Z');
    expect(after.body.application.registeredOn).toBe('2026-01-12');
    expect(after.body.application.fee).toMatchObject({ feeId: 'permit', amount: 2500 });
    // The sample, on the same day in 2026, still charges 1500.
    const sample = await file('sample', '2026-01-12T05:00:00Z');
    expect(sample.body.application.registeredOn).toBe('2026-01-12');
    expect(sample.body.application.fee).toMatchObject({ feeId: 'permit', amount: 1500 });
  });

  it('runs its extra expertise step, which only the expert can close', async () => {
    const sample = await file('sample', '2025-03-05T06:00:00Z');
    const eastern = await file('eastern', '2025-03-05T06:00:00Z');
    const sid = sample.body.application.id as string;
    const eid = eastern.body.application.id as string;
    for (const [id, region] of [[sid, 'sample'], [eid, 'eastern']] as const) {
      expect((await send(id, `officer@${region}`, 'REGISTER', 1)).status).toBe(200);
    }
    // The same approval goes straight to signing in the sample, to expertise in the second region.
    expect((await send(sid, 'officer@sample', 'REVIEW', 2, approveReview)).body.application.state).toBe('signingGrant');
    const review = await send(eid, 'officer@eastern', 'REVIEW', 2, approveReview);
    expect(review.body.application.state).toBe('expertise');
    expect(review.body.step).toMatchObject({ id: 'expertise', role: 'expert' });
    // Entered on 05.03 (the clock has not moved): 2 working days, 06–07.03.
    expect(review.body.step.due).toEqual({ date: '2025-03-07', provisional: false });

    for (const login of ['officer@eastern', 'head@eastern', 'applicant@eastern']) {
      const res = await send(eid, login, 'CONCLUDE', 3);
      expect(res.status, login).toBe(403);
    }
    const expertView = await api.http().get(`/api/applications/${eid}`).set(await bearer('expert@eastern'));
    expect(expertView.body.allowedEvents.map((e: { event: string }) => e.event)).toEqual(['CONCLUDE']);
    expect((await send(eid, 'expert@eastern', 'SIGN', 3)).status).toBe(403);

    const concluded = await send(eid, 'expert@eastern', 'CONCLUDE', 3);
    expect(concluded.status).toBe(200);
    expect(concluded.body.application.state).toBe('signingGrant');
    const signed = await send(eid, 'head@eastern', 'SIGN', 4);
    expect(signed.status).toBe(200);
    expect(signed.body.application.history.slice(1).map((h: { event: string; actor: { userId: string } }) => `${h.event} by ${h.actor.userId}`)).toEqual([
      'REGISTER by officer@eastern',
      'REVIEW by officer@eastern',
      'CONCLUDE by expert@eastern',
      'SIGN by head@eastern',
    ]);
    // The expert is staff of the second region only.
    expect((await api.http().get(`/api/applications/${sid}`).set(await bearer('expert@eastern'))).status).toBe(404);
  });

  it('needs no code that knows it: engine, server and renderer never name it', async () => {
    const names = ['eastern', 'Восточн', 'Vladivostok'];
    let scanned = 0;
    for (const dir of ['engine', 'server', 'renderer']) {
      for (const rel of await sourceFiles(path.join(REPO, dir))) {
        scanned++;
        const text = await readFile(rel, 'utf8');
        for (const name of names) expect(text.includes(name), `${path.relative(REPO, rel)} names ${name}`).toBe(false);
      }
    }
    expect(scanned).toBeGreaterThan(50);
  });
});

/** .ts/.tsx/.js/.json/.yaml files under `dir`, skipping build output and dependencies. */
async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!['node_modules', 'dist'].includes(e.name)) out.push(...(await sourceFiles(full)));
    } else if (/\.(tsx?|m?js|json|ya?ml|html|css)$/.test(e.name)) out.push(full);
  }
  return out;
}
