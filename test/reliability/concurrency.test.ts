/**
 * Concurrency: many clients send events to the same applications at once. Per application, the 200s
 * must be exactly the recorded transitions (history length − 1: none lost, none doubled), the history
 * a valid path through the procedure YAML, and of clients that all send the same version at once
 * exactly one may win.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { permitSubmission } from '../server/sampleData.ts';
import { announceSkip, pgTestDatabase } from '../store/pgTestDatabase.ts';
import { call, login } from './harness/api.ts';
import { invalidPath } from './harness/procedureModel.ts';
import { seededRandom, seedFromEnv, trialsFromEnv } from './harness/random.ts';
import { payloadFor, permitModel, SAMPLE_USERS, SUBMIT_PATH } from './harness/sampleLoad.ts';
import { ServerProcess } from './harness/serverProcess.ts';
import { lowdbVariant, pgVariant, type StoreVariant } from './harness/storeVariants.ts';

const APPLICATIONS = trialsFromEnv(8);
const CLIENTS_PER_APPLICATION = 12;
const SEED = seedFromEnv();
const db = await pgTestDatabase();
if ('skip' in db) announceSkip('concurrency on PostgreSQL', db.skip);

const variants: { name: string; make?: () => Promise<StoreVariant> }[] = [
  { name: 'lowdb', make: async () => lowdbVariant() },
  { name: 'postgresql', make: 'url' in db ? () => pgVariant(db.url) : undefined },
];

describe.each(variants)('concurrent events: $name store', ({ name, make }) => {
  it.skipIf(!make)(`records exactly the acknowledged transitions, on valid paths (${APPLICATIONS} applications × ${CLIENTS_PER_APPLICATION} clients, seed ${SEED})`, async () => {
    const variant = await make!();
    const dataDir = await mkdtemp(path.join(tmpdir(), `reglament-concurrency-${name}-`));
    const server = await ServerProcess.start({ dataDir, env: variant.env });
    const model = permitModel();
    const random = seededRandom(SEED);
    try {
      const tokens: Record<string, string> = {
        applicant: await login(server.url, SAMPLE_USERS.applicant),
        officer: await login(server.url, SAMPLE_USERS.officer),
        head: await login(server.url, SAMPLE_USERS.head),
      };
      const submit = async () => {
        const reply = await call(server.url, 'POST', SUBMIT_PATH, { token: tokens.applicant, json: { submission: permitSubmission() } });
        expect(reply.status).toBe(201);
        return reply.body.application.id as string;
      };
      const ids = await Promise.all(Array.from({ length: APPLICATIONS }, submit));
      const accepted = new Map(ids.map((id) => [id, 0]));
      const unexpected: string[] = [];

      // Each client: read the application, send the event its state expects (now and then the applicant's
      // withdrawal instead) with the version it read; a 409 means another client was first: read again.
      const client = async (id: string) => {
        for (let step = 0; step < 100; step++) {
          const read = await call(server.url, 'GET', `/api/applications/${id}`, { token: tokens.officer });
          if (read.status !== 200) {
            unexpected.push(`GET ${id}: ${read.status}`);
            return;
          }
          const { state, version } = read.body.application;
          if (model.isFinal(state)) return;
          const withdraw = random() < 0.03;
          const event = withdraw ? model.globalEvents()[0] : model.stepEvents(state)[0];
          const reply = await call(server.url, 'POST', `/api/applications/${id}/events`, {
            token: tokens[model.roles(event)[0]],
            json: { event, version, payload: payloadFor(event, random) },
          });
          if (reply.status === 200) accepted.set(id, accepted.get(id)! + 1);
          else if (reply.status !== 409) unexpected.push(`${event} on ${id} in ${state} v${version}: ${reply.status} ${JSON.stringify(reply.body)}`);
        }
        unexpected.push(`${id}: not final after 100 steps of one client`);
      };
      await Promise.all(ids.flatMap((id) => Array.from({ length: CLIENTS_PER_APPLICATION }, () => client(id))));

      expect(unexpected).toEqual([]);
      for (const id of ids) {
        const { application } = (await call(server.url, 'GET', `/api/applications/${id}`, { token: tokens.officer })).body;
        expect(invalidPath(model, application.history), id).toBeNull();
        expect(model.isFinal(application.state)).toBe(true);
        expect(application.history.length - 1, `200s for ${id}`).toBe(accepted.get(id));
        expect(application.version).toBe(application.history.length);
      }
    } finally {
      await server.kill();
      await variant.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it.skipIf(!make)('lets exactly one of many identical events on one version through', async () => {
    const variant = await make!();
    const dataDir = await mkdtemp(path.join(tmpdir(), `reglament-concurrency-${name}-`));
    const server = await ServerProcess.start({ dataDir, env: variant.env });
    try {
      const applicant = await login(server.url, SAMPLE_USERS.applicant);
      const officer = await login(server.url, SAMPLE_USERS.officer);
      for (let round = 0; round < 5; round++) {
        const created = await call(server.url, 'POST', SUBMIT_PATH, { token: applicant, json: { submission: permitSubmission() } });
        const id = created.body.application.id as string;
        const statuses = await Promise.all(
          Array.from({ length: 32 }, () =>
            call(server.url, 'POST', `/api/applications/${id}/events`, { token: officer, json: { event: 'REGISTER', version: 1 } }).then((r) => r.status),
          ),
        );
        expect(statuses.filter((s) => s === 200)).toHaveLength(1);
        expect(statuses.filter((s) => s === 409)).toHaveLength(31);
        const { application } = (await call(server.url, 'GET', `/api/applications/${id}`, { token: officer })).body;
        expect(application.version).toBe(2);
        expect(application.history.map((h: { event: string }) => h.event)).toEqual(['SUBMIT', 'REGISTER']);
      }
    } finally {
      await server.kill();
      await variant.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
