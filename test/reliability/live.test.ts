/**
 * Live updates across server processes: two processes on one PostgreSQL database. A change made through
 * one reaches a stream opened on the other (LISTEN/NOTIFY), and a stream that reconnects to the other
 * process with Last-Event-ID gets what it missed: every process hears the changes in commit order. A
 * session ended through one process ends its stream on the other once that re-reads the revocations.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEvents, readEvents } from '../server/eventStream.ts';
import { permitSubmission } from '../server/sampleData.ts';
import { announceSkip, pgTestDatabase } from '../store/pgTestDatabase.ts';
import { call, login } from './harness/api.ts';
import { SAMPLE_USERS, SUBMIT_PATH } from './harness/sampleLoad.ts';
import { ServerProcess } from './harness/serverProcess.ts';
import { pgVariant } from './harness/storeVariants.ts';

const db = await pgTestDatabase();
if ('skip' in db) announceSkip('live updates across PostgreSQL processes', db.skip);

describe('live updates on PostgreSQL with two server processes', () => {
  it.skipIf(!('url' in db))('tell a stream on one process of a change made through the other, resume across them, and end it when its session ends on the other', async () => {
    const variant = await pgVariant((db as { url: string }).url);
    const dirs = [await mkdtemp(path.join(tmpdir(), 'reglament-live-a-')), await mkdtemp(path.join(tmpdir(), 'reglament-live-b-'))];
    const [a, b] = [await ServerProcess.start({ dataDir: dirs[0], env: variant.env }), await ServerProcess.start({ dataDir: dirs[1], env: variant.env })];
    try {
      const officer = await login(a.url, SAMPLE_USERS.officer);
      const applicant = await login(b.url, SAMPLE_USERS.applicant);
      const streamOnA = `${a.url}/api/regions/sample/events`;
      let id = '';
      const heard = await readEvents(streamOnA, officer, (events) => events.some((e) => e.data?.includes('"version":2')), {
        onOpen: async () => {
          const filed = await call(b.url, 'POST', SUBMIT_PATH, { token: applicant, json: { submission: permitSubmission() } });
          expect(filed.status).toBe(201);
          id = filed.body.application.id;
          const registered = await call(b.url, 'POST', `/api/applications/${id}/events`, { token: officer, json: { event: 'REGISTER', version: 1 } });
          expect(registered.status).toBe(200);
        },
      });
      expect(heard.events.map((e) => JSON.parse(e.data!))).toEqual([
        { id, version: 1 },
        { id, version: 2 },
      ]);

      // While nobody listens, the case moves on through process A; a stream on B resumes after version 2.
      const review = await call(a.url, 'POST', `/api/applications/${id}/events`, { token: officer, json: { event: 'REVIEW', version: 2, payload: { result: { decision: 'approve' } } } });
      expect(review.status).toBe(200);
      const resumed = await readEvents(`${b.url}/api/regions/sample/events`, officer, (events) => events.length > 0, { lastEventId: heard.events[1].id });
      expect(resumed.events.map((e) => [e.event, e.data])).toEqual([['application', JSON.stringify({ id, version: 3 })]]);

      // A logout through B ends the session's stream on A when A next re-reads the revocations (every
      // 5 s): well before the token's own 15 minutes, which is all this bound tells apart.
      const session = await login(a.url, SAMPLE_USERS.officer);
      const stream = await openEvents(streamOnA, session);
      expect(stream.status).toBe(200);
      expect((await call(b.url, 'POST', '/api/auth/logout', { token: session })).status).toBe(204);
      let bound: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([stream.ended.then(() => 'ended'), new Promise((resolve) => (bound = setTimeout(() => resolve('still open after 60 s'), 60_000)))]);
      clearTimeout(bound);
      stream.close();
      expect(outcome).toBe('ended');
    } finally {
      await a.kill();
      await b.kill();
      await variant.dispose();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    }
  });
});
