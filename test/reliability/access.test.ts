/**
 * Access: every route of the served OpenAPI document, tried by every role of the region, by the same
 * roles of another region, and anonymously. What should succeed is derived from the declared
 * permission table (each operation's `x-access`, which must equal the route table's) and the rules
 * the README's permission table states for per-application checks, with roles' `applicant`/`inbox` flags read
 * from roles.yaml and event roles from the procedure YAML; the server's answers must agree, case by case.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { routeTable } from '../../server/routes/index.ts';
import { copyRegion } from '../server/harness.ts';
import { approveReview, permitSubmission } from '../server/sampleData.ts';
import { call, login, type Reply } from './harness/api.ts';
import { permitModel, SUBMIT_PATH } from './harness/sampleLoad.ts';
import { SAMPLE, ServerProcess } from './harness/serverProcess.ts';

const HOME = 'sample';
const OTHER = 'elsewhere';
const BOUNDARY = 'access-test-boundary';

interface Actor {
  readonly name: string;
  readonly region: string | null;
  readonly roles: readonly string[];
  token?: string;
}

/** Expected answer: 'ok' (any 2xx) or an exact status. */
type Expected = 'ok' | 401 | 403 | 404;

interface Operation {
  readonly method: string;
  readonly template: string;
  readonly operationId: string;
  readonly access: 'public' | 'user' | 'applicant' | 'staff' | 'auditor';
}

/** The status of an event stream's answer (and its JSON body on an error), without waiting for the stream to end. */
async function streamStatus(url: string, token: string | undefined): Promise<Reply> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: controller.signal });
  const body = res.ok ? null : await res.json();
  controller.abort();
  return { status: res.status, body } as Reply;
}

describe('access by role and region', () => {
  it('lets exactly the callers the permission table names through every route', async () => {
    const rolesYaml = parse(await readFile(path.join(SAMPLE, 'roles.yaml'), 'utf8')) as {
      roles: { id: string; applicant?: boolean; inbox?: boolean; takesCases?: boolean; reports?: boolean; audit?: boolean }[];
    };
    const applicantRoles = new Set(rolesYaml.roles.filter((r) => r.applicant).map((r) => r.id));
    const inboxRoles = new Set(rolesYaml.roles.filter((r) => r.inbox).map((r) => r.id));
    const takerRoles = new Set(rolesYaml.roles.filter((r) => r.takesCases).map((r) => r.id));
    const reportRoles = new Set(rolesYaml.roles.filter((r) => r.reports).map((r) => r.id));
    const auditRoles = new Set(rolesYaml.roles.filter((r) => r.audit).map((r) => r.id));
    const model = permitModel();

    const otherDir = await copyRegion(SAMPLE, OTHER);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'reglament-access-'));
    const server = await ServerProcess.start({ dataDir, regionDirs: [SAMPLE, otherDir], env: { DATABASE_URL: '' } });
    try {
      const actors: Actor[] = [{ name: 'anonymous', region: null, roles: [] }];
      for (const region of [HOME, OTHER]) {
        for (const role of rolesYaml.roles) {
          const actor: Actor = { name: `${role.id}@${region}`, region, roles: [role.id] };
          actor.token = await login(server.url, actor.name);
          actors.push(actor);
        }
      }
      const owner = actors.find((a) => a.name === `applicant@${HOME}`)!;
      const byName = (name: string) => actors.find((a) => a.name === name)!.token!;

      // Resources in the home region, all filed by `owner`: one finished application (with a document and
      // a licence), and a fresh one in the first step for each attempt that could change it.
      const fresh = async () => {
        const reply = await call(server.url, 'POST', SUBMIT_PATH, { token: owner.token, json: { submission: permitSubmission() } });
        expect(reply.status).toBe(201);
        return reply.body.application as { id: string; version: number; state: string };
      };
      let finished = await fresh();
      for (const [event, user, payload] of [['REGISTER', 'officer', {}], ['REVIEW', 'officer', approveReview], ['SIGN', 'head', {}], ['NOTIFY', 'officer', {}]] as const) {
        const reply = await call(server.url, 'POST', `/api/applications/${finished.id}/events`, { token: byName(`${user}@${HOME}`), json: { event, version: finished.version, payload } });
        expect(reply.status, `${event}: ${JSON.stringify(reply.body)}`).toBe(200);
        finished = reply.body.application;
      }
      const { documents, licence } = finished as unknown as { documents: { id: string }[]; licence: string };
      /** A new application taken to its end with a paper copy asked for: its paper delivery waits for staff. */
      const withPaperCopy = async () => {
        const reply = await call(server.url, 'POST', SUBMIT_PATH, { token: owner.token, json: { submission: { ...permitSubmission(), extra: { consent: true, paper: true } } } });
        let app = reply.body.application;
        for (const [event, user, payload] of [['REGISTER', 'officer', {}], ['REVIEW', 'officer', approveReview], ['SIGN', 'head', {}], ['NOTIFY', 'officer', {}]] as const) {
          app = (await call(server.url, 'POST', `/api/applications/${app.id}/events`, { token: byName(`${user}@${HOME}`), json: { event, version: app.version, payload } })).body.application;
        }
        const deliveries = (await call(server.url, 'GET', `/api/applications/${app.id}/deliveries`, { token: owner.token })).body.items as { id: string; channel: string }[];
        return { applicationId: app.id as string, deliveryId: deliveries.find((d) => d.channel === 'paper')!.id };
      };
      const paperCopy = await withPaperCopy();
      /** A new draft of `owner`'s. */
      const freshDraft = async () => (await call(server.url, 'POST', '/api/regions/sample/services/permit/drafts', { token: owner.token, json: { data: {} } })).body.id as string;
      const draftId = await freshDraft();
      /** A new application at its review step, where the officer's task form takes a file. */
      const atReview = async () => {
        const app = await fresh();
        return (await call(server.url, 'POST', `/api/applications/${app.id}/events`, { token: byName(`officer@${HOME}`), json: { event: 'REGISTER', version: app.version } })).body.application as { id: string };
      };
      const reviewing = await atReview();
      expect(documents.length).toBeGreaterThan(0);
      expect(licence).toBeTruthy();

      // One attachment uploaded by `owner` for the permit form's plan field.
      const multipartPdf = Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="plan.pdf"\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${BOUNDARY}--\r\n`,
      );
      const uploaded = await call(server.url, 'POST', '/api/regions/sample/services/permit/uploads?field=site.plan', {
        token: owner.token,
        raw: multipartPdf,
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      });
      expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
      const uploadId = uploaded.body.id as string;

      const openapi = (await call(server.url, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { operationId: string; 'x-access': Operation['access'] }>> };
      const operations: Operation[] = Object.entries(openapi.paths).flatMap(([template, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), template, operationId: op.operationId, access: op['x-access'] })),
      );
      // The served document is the declared table: same operations, same access.
      expect(Object.fromEntries(operations.map((o) => [o.operationId, o.access]))).toEqual(Object.fromEntries(routeTable.map((r) => [r.operationId, r.access])));

      const firstEvent = model.stepEvents(model.initial)[0];
      const withdrawal = model.globalEvents()[0];
      const isApplicant = (a: Actor, region: string) => a.region === region && a.roles.some((r) => applicantRoles.has(r));
      const isStaff = (a: Actor, region: string) => a.region === region && a.roles.some((r) => inboxRoles.has(r));
      const isAuditor = (a: Actor, region: string) => a.region === region && a.roles.some((r) => auditRoles.has(r));

      /** What the permission table says `actor` gets from `op` on the home region's resources. */
      const expected = (op: Operation, actor: Actor): Expected => {
        if (op.access === 'public') return 'ok';
        if (actor.region === null) return 401;
        if (op.access === 'applicant') return isApplicant(actor, HOME) ? 'ok' : 403;
        if (op.access === 'staff') return isStaff(actor, HOME) ? 'ok' : 403;
        if (op.access === 'auditor') return isAuditor(actor, HOME) ? 'ok' : 403;
        // 'user': per resource. An application (and its documents) is visible to its applicant and to
        // staff of its region; to anyone else it does not exist.
        // An upload is its uploader's alone until it is filed; so is a draft, always.
        if (op.template.startsWith('/api/uploads/') || op.template.startsWith('/api/drafts/')) return actor === owner ? 'ok' : 404;
        // Live updates: the region's staff (every change) and its applicants (their own).
        if (op.operationId === 'regionEvents') return isStaff(actor, HOME) || isApplicant(actor, HOME) ? 'ok' : 403;
        // Reports: roles marked reports: true; another region's users do not see the region at all.
        if (op.operationId === 'reports') return actor.region !== HOME ? 404 : actor.roles.some((r) => reportRoles.has(r)) ? 'ok' : 403;
        if (!op.template.includes('{id}')) return 'ok';
        const sees = actor === owner || isStaff(actor, HOME);
        if (!sees) return 404;
        if (op.method === 'GET') return 'ok';
        // A paper copy is marked done by the region's staff.
        if (op.operationId === 'completePaperDelivery') return isStaff(actor, HOME) ? 'ok' : 403;
        // A file for a task form: for whoever may take that action (the review, the officer's).
        if (op.operationId === 'uploadEventAttachment') return model.roles('REVIEW').some((r) => actor.roles.includes(r)) ? 'ok' : 403;
        // Taking a case: roles marked takesCases: true.
        if (op.operationId === 'assignApplication') return actor.roles.some((r) => takerRoles.has(r)) ? 'ok' : 403;
        const event = op.template.endsWith('/withdraw') ? withdrawal : firstEvent;
        return model.roles(event).some((r) => actor.roles.includes(r)) ? 'ok' : 403;
      };

      /** The request for `op` by `actor`: a valid one, so only permission decides the answer. */
      const send = async (op: Operation, actor: Actor): Promise<Reply> => {
        const values: Record<string, string> = { region: HOME, service: 'permit', form: 'permit-application', number: encodeURIComponent(licence) };
        let json: unknown;
        if (op.operationId === 'login') json = { login: actor === actors[0] ? owner.name : actor.name, password: (actor === actors[0] ? owner : actor).roles[0] };
        else if (/services\/{service}\/(quote|applications)$/.test(op.template)) json = { submission: permitSubmission() };
        let raw: Uint8Array | undefined;
        let query = '';
        if (op.operationId === 'uploadAttachment') {
          raw = multipartPdf;
          query = '?field=site.plan';
        }
        if (op.operationId === 'uploadEventAttachment') {
          raw = multipartPdf;
          query = '?event=REVIEW&field=result.memo';
        }
        if (op.operationId === 'createDraft') json = { data: {} };
        if (op.operationId === 'markNotificationsRead') json = { all: true };
        if (op.template.startsWith('/api/documents/')) values.id = documents[0].id;
        else if (op.template.startsWith('/api/uploads/')) values.id = uploadId;
        else if (op.template.startsWith('/api/drafts/')) {
          // Each change gets a draft of its own, at version 1; a read shares one.
          values.id = op.method === 'GET' ? draftId : await freshDraft();
          if (op.method === 'PUT') json = { data: {}, version: 1 };
        } else if (op.operationId === 'completePaperDelivery') {
          // Each attempt that should succeed uses up its paper copy: those get one of their own.
          const target = expected(op, actor) === 'ok' ? await withPaperCopy() : paperCopy;
          values.id = target.applicationId;
          values.delivery = target.deliveryId;
        } else if (op.operationId === 'uploadEventAttachment') values.id = reviewing.id;
        else if (op.operationId === 'applicationDeliveries') values.id = paperCopy.applicationId;
        else if (op.template.includes('{id}')) {
          if (op.method === 'GET') values.id = finished.id;
          else {
            const target = await fresh();
            values.id = target.id;
            json = op.template.endsWith('/withdraw')
              ? { version: target.version }
              : op.operationId === 'assignApplication'
                ? { action: 'take', version: target.version }
                : { event: firstEvent, version: target.version, payload: {} };
          }
        }
        const url = op.template.replace(/{(\w+)}/g, (_, name: string) => {
          if (values[name] === undefined) throw new Error(`no test value for path parameter {${name}} of ${op.operationId}: add one to access.test.ts`);
          return values[name];
        });
        if (raw) return call(server.url, op.method, url + query, { token: actor.token, raw, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
        // An event stream never ends: its status is the answer.
        if (op.operationId === 'regionEvents') return streamStatus(server.url + url, actor.token);
        // Logout ends the session it is sent with: it gets a session of its own, so the caller's stays usable.
        const token = op.operationId === 'logout' && actor.token ? await login(server.url, actor.name) : actor.token;
        return call(server.url, op.method, url, { token, json });
      };

      const disagreements: string[] = [];
      const outcomes = new Map<Expected, number>();
      let tried = 0;
      for (const op of operations) {
        for (const actor of actors) {
          const want = expected(op, actor);
          outcomes.set(want, (outcomes.get(want) ?? 0) + 1);
          const { status, body } = await send(op, actor);
          tried++;
          const agrees = want === 'ok' ? status >= 200 && status < 300 : status === want;
          if (!agrees) disagreements.push(`${op.method} ${op.template} (${op.access}) as ${actor.name}: expected ${want}, got ${status} ${JSON.stringify(body).slice(0, 160)}`);
        }
      }
      // A forged or malformed token is refused on every route that needs one.
      for (const op of operations.filter((o) => o.access !== 'public')) {
        const { status } = await call(server.url, op.method, op.template.replace(/{(\w+)}/g, 'x'), { token: 'forged.token.value', json: op.method === 'POST' ? {} : undefined });
        tried++;
        if (status !== 401) disagreements.push(`${op.method} ${op.template} with a forged token: expected 401, got ${status}`);
      }
      console.log(
        `access: ${operations.length} operations × ${actors.length} callers + forged tokens = ${tried} requests ` +
          `(expected ${[...outcomes].map(([k, n]) => `${k}×${n}`).join(' ')}), ${disagreements.length} disagreements`,
      );
      expect(disagreements).toEqual([]);
      // The matrix really separates callers: some get through, and each kind of refusal occurs.
      expect([...outcomes.keys()].sort()).toEqual([401, 403, 404, 'ok']);
    } finally {
      await server.kill();
      await rm(dataDir, { recursive: true, force: true });
      await rm(path.dirname(otherDir), { recursive: true, force: true });
    }
  });
});
