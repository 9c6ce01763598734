/**
 * Load on the sample region's permit service: workers that file applications and take them through
 * the procedure (each event sent by a user holding its role, with the version last seen), recording
 * every acknowledgement (201 or 200 received) with the version it acknowledged.
 */
import path from 'node:path';
import { permitSubmission } from '../../server/sampleData.ts';
import { call } from './api.ts';
import { ProcedureModel } from './procedureModel.ts';
import { sleep } from './random.ts';
import { SAMPLE } from './serverProcess.ts';

export const SAMPLE_USERS = { applicant: 'applicant@sample', officer: 'officer@sample', head: 'head@sample' } as const;
export const permitModel = () => new ProcedureModel(path.join(SAMPLE, 'procedures/permit.yaml'));
export const SUBMIT_PATH = '/api/regions/sample/services/permit/applications';

/** Task-form data of the sample procedure's events (the review form's decision, picked at random). */
export function payloadFor(event: string, random: () => number): unknown {
  if (event === 'REVIEW') return { result: { decision: random() < 0.75 ? 'approve' : 'reject' } };
  return {};
}

export interface Acknowledged {
  /** Application id -> highest version a response acknowledged. */
  readonly versions: Map<string, number>;
  /** Application id -> the latest version and state the load saw (kept across restarts, to carry on). */
  readonly seen: Map<string, { version: number; state: string }>;
  /** Application id -> the upload filed with it (its site plan), for the filings that had one. */
  readonly attachments: Map<string, string>;
  submits: number;
  transitions: number;
}

export const newAcknowledged = (): Acknowledged => ({ versions: new Map(), seen: new Map(), attachments: new Map(), submits: 0, transitions: 0 });

/** What every site plan of the load holds: a download must give back these bytes. */
export const PLAN_CONTENT = '%PDF-1.4\n% site plan\n%%EOF\n';
const BOUNDARY = 'reliability-plan';
const PLAN_UPLOAD = Buffer.from(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="plan.pdf"\r\n\r\n${PLAN_CONTENT}\r\n--${BOUNDARY}--\r\n`,
);

export interface LoadOptions {
  readonly url: string;
  /** Role id -> bearer token. */
  readonly tokens: Readonly<Record<string, string>>;
  readonly model: ProcedureModel;
  readonly acknowledged: Acknowledged;
  readonly workers: number;
  readonly random: () => number;
}

export interface RunningLoad {
  /** Settles once this load's first write is acknowledged: a kill after it lands under load, whatever the machine's speed. */
  readonly firstAcknowledged: Promise<void>;
  /** Stops the workers (after the server died, their requests fail fast) and reports what they saw. */
  stop(): Promise<{ readonly requests: number; readonly failures: number; readonly statuses: Readonly<Record<number, number>> }>;
}

export function startLoad(options: LoadOptions): RunningLoad {
  const { url, tokens, model, acknowledged, random } = options;
  const known = acknowledged.seen;
  const statuses: Record<number, number> = {};
  let requests = 0;
  let failures = 0;
  let stopped = false;
  let firstWrite!: () => void;
  const firstAcknowledged = new Promise<void>((resolve) => (firstWrite = resolve));

  const note = (status: number) => {
    requests++;
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  const acknowledge = (application: { id: string; version: number; state: string }) => {
    const previous = acknowledged.versions.get(application.id) ?? 0;
    if (application.version > previous) acknowledged.versions.set(application.id, application.version);
    const mine = known.get(application.id);
    if (!mine || mine.version < application.version) known.set(application.id, { version: application.version, state: application.state });
  };

  /** Half the filings work on a site and attach its plan, uploaded first, so kills also land while uploads are filed. */
  async function submit(): Promise<void> {
    let plan: string | undefined;
    if (random() < 0.5) {
      const uploaded = await call(url, 'POST', '/api/regions/sample/services/permit/uploads?field=site.plan', {
        token: tokens.applicant,
        raw: PLAN_UPLOAD,
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      });
      note(uploaded.status);
      if (uploaded.status !== 201) return;
      plan = uploaded.body.id as string;
    }
    const submission = plan
      ? { ...permitSubmission(), works: { kinds: ['site'] }, site: { addresses: [{ address: 'г. Екатеринбург, ул. Мира, д. 1' }], plan: [{ id: plan, name: 'plan.pdf' }] } }
      : permitSubmission();
    const reply = await call(url, 'POST', SUBMIT_PATH, { token: tokens.applicant, json: { submission } });
    note(reply.status);
    if (reply.status === 201) {
      acknowledged.submits++;
      firstWrite();
      acknowledge(reply.body.application);
      if (plan) acknowledged.attachments.set(reply.body.application.id, plan);
    }
  }

  async function advance(id: string, seen: { version: number; state: string }): Promise<void> {
    const event = model.stepEvents(seen.state)[0];
    const role = model.roles(event)[0];
    const reply = await call(url, 'POST', `/api/applications/${id}/events`, {
      token: tokens[role],
      json: { event, version: seen.version, payload: payloadFor(event, random) },
    });
    note(reply.status);
    if (reply.status === 200) {
      acknowledged.transitions++;
      firstWrite();
      acknowledge(reply.body.application);
    } else if (reply.status === 409) {
      // Someone (or a write that landed before a crash) moved it on: read the current version.
      const fresh = await call(url, 'GET', `/api/applications/${id}`, { token: tokens.applicant });
      note(fresh.status);
      if (fresh.status === 200) acknowledge(fresh.body.application);
    }
  }

  async function worker(): Promise<void> {
    while (!stopped) {
      try {
        const open = [...known.entries()].filter(([, a]) => !model.isFinal(a.state));
        if (open.length < 4 || random() < 0.3) await submit();
        else {
          const [id, seen] = open[Math.floor(random() * open.length)];
          await advance(id, seen);
        }
      } catch {
        // The server is down (killed): nothing was acknowledged; wait for stop() or a restart.
        failures++;
        await sleep(20);
      }
    }
  }

  const running = Array.from({ length: options.workers }, () => worker());
  return {
    firstAcknowledged,
    async stop() {
      stopped = true;
      await Promise.all(running);
      return { requests, failures, statuses };
    },
  };
}
