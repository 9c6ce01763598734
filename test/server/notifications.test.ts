/**
 * Notifications end to end on regions/vologda with a real SMTP server in the test process
 * (smtp-server): a licence granted through every step, whose notice reaches the applicant's account
 * and their mailbox with the documents attached; a temporary refusal retried after its pause and then
 * delivered once; a paper copy the applicant asked for becoming the officer's task.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, VOLOGDA, type TestApi } from './harness.ts';
import { COMPANY, GRANT_STEPS, grantSubmission } from './vologdaData.ts';

let api: TestApi;
let smtp: SMTPServer;
const received: { mail: ParsedMail; to: string[] }[] = [];
/** Answers for the next messages: a temporary refusal (451) before accepting. */
let refuseNext = 0;
const bearer = async (login: string) => ({ Authorization: `Bearer ${await api.token(login)}` });

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        if (refuseNext > 0) {
          refuseNext--;
          return callback(Object.assign(new Error('Greylisted, try again later'), { responseCode: 451 }));
        }
        received.push({ mail, to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;
  api = await startTestApi([VOLOGDA], {
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Департамент <licensing@vologda.example>' },
    // The test runs the sender itself (runOnce), so the timer never fires during it.
    mail: { pollMs: 3_600_000, retryBaseMs: 60_000 },
  });
});
afterAll(async () => {
  await api?.close();
  await new Promise<void>((resolve) => smtp?.close(resolve));
});

async function grant(submission: Record<string, unknown>) {
  const withFiles = await api.withUploads('applicant@vologda', 'vologda', 'grant', submission);
  const filed = await api.http().post('/api/regions/vologda/services/grant/applications').set(await bearer('applicant@vologda')).send({ submission: withFiles });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  const id = filed.body.application.id as string;
  let last = filed.body;
  for (const [event, payload] of GRANT_STEPS) {
    const login = `${last.step.role}@vologda`;
    const res = await api.http().post(`/api/applications/${id}/events`).set(await bearer(login)).send({ event, version: last.application.version, payload });
    expect(res.status, `${event}: ${JSON.stringify(res.body)}`).toBe(200);
    last = res.body;
  }
  return last.application as { id: string; number: string; documents: { id: string; template: string; title: string }[] };
}

describe('notifications', () => {
  it('tells the applicant of the assessment and of the decision in their account, and by e-mail with the documents attached', async () => {
    const app = await grant(grantSubmission());
    const sent = await api.running.mailer!.runOnce();
    // 3.2.2.6 (the notice of the assessment, notify: true) and 3.2.2.9 (the decision, with the extract asked for).
    expect(sent).toBe(2);
    expect(received).toHaveLength(2);
    const decision = received.find((r) => r.mail.subject?.includes('Уведомление о предоставлении лицензии'))!;
    expect(decision.to).toEqual([COMPANY.email]);
    expect(decision.mail.subject).toBe(`Заявление № ${app.number}: Уведомление о предоставлении лицензии и ещё 1`);
    expect(decision.mail.text).toContain(`№ ${app.number}`);
    const notice = app.documents.find((d) => d.template === 'notice-grant')!;
    const attached = decision.mail.attachments.map((a) => a.filename);
    expect(attached).toEqual(['Уведомление о предоставлении лицензии.html', `${app.documents.find((d) => d.template === 'registry-extract')!.title}.html`]);
    const html = decision.mail.attachments[0].content.toString('utf8');
    const stored = await api.http().get(`/api/documents/${notice.id}`).set(await bearer('applicant@vologda'));
    expect(html).toBe(stored.text);
    expect(html).toContain(`№ ${app.number}`);

    const mine = await api.http().get('/api/notifications').set(await bearer('applicant@vologda'));
    expect(mine.body.unread).toBe(2);
    expect(mine.body.items[0]).toMatchObject({ applicationId: app.id, number: app.number, read: false, documentIds: expect.arrayContaining([notice.id]) });
    // Nobody else sees them.
    expect((await api.http().get('/api/notifications').set(await bearer('officer@vologda'))).body).toEqual({ unread: 0, items: [] });
    await api.http().post('/api/notifications/read').set(await bearer('applicant@vologda')).send({ all: true });
    expect((await api.http().get('/api/notifications').set(await bearer('applicant@vologda'))).body.unread).toBe(0);

    // The application's outbox, as its officer sees it: both e-mails sent, once each.
    const outbox = await api.http().get(`/api/applications/${app.id}/deliveries`).set(await bearer('officer@vologda'));
    expect(outbox.body.items.map((d: { channel: string; status: string; attempts: number }) => [d.channel, d.status, d.attempts])).toEqual([
      ['email', 'sent', 1],
      ['email', 'sent', 1],
    ]);
    expect(await api.running.mailer!.runOnce()).toBe(0);
    expect(received).toHaveLength(2);
  });

  it('retries an e-mail the mail server refused for now after its pause, and then delivers it once', async () => {
    received.length = 0;
    refuseNext = 2; // both messages of the next application are refused once
    const app = await grant(grantSubmission());
    expect(await api.running.mailer!.runOnce()).toBe(0);
    const waiting = (await api.http().get(`/api/applications/${app.id}/deliveries`).set(await bearer('officer@vologda'))).body.items;
    expect(waiting.map((d: { status: string; attempts: number; lastError: string }) => [d.status, d.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ]);
    expect(waiting[0].lastError).toContain('Greylisted');
    // Not before its pause (1 minute after the first attempt)...
    expect(await api.running.mailer!.runOnce()).toBe(0);
    expect(received).toHaveLength(0);
    // ...and then once.
    api.clock.current = new Date(api.clock.current.getTime() + 61_000);
    expect(await api.running.mailer!.runOnce()).toBe(2);
    expect(await api.running.mailer!.runOnce()).toBe(0);
    expect(received).toHaveLength(2);
    const after = (await api.http().get(`/api/applications/${app.id}/deliveries`).set(await bearer('officer@vologda'))).body.items;
    expect(after.map((d: { status: string; attempts: number }) => [d.status, d.attempts])).toEqual([
      ['sent', 2],
      ['sent', 2],
    ]);
  });

  it('turns a paper copy the applicant asked for into a task the officer marks done', async () => {
    api.forgetTokens();
    const app = await grant({ ...grantSubmission(), delivery: { paperCopy: true, paperMethod: 'post', postalAddress: '160000, г. Вологда, ул. Мира, д. 1', extract: false } });
    const tasks = await api.http().get('/api/regions/vologda/paper-deliveries').set(await bearer('officer@vologda'));
    const mine = tasks.body.items.filter((d: { applicationId: string }) => d.applicationId === app.id);
    // The notice of the assessment (notify: true) and the notice of the decision, each on paper too.
    expect(mine.map((d: { to: string; text: string }) => d.to)).toEqual(['160000, г. Вологда, ул. Мира, д. 1', '160000, г. Вологда, ул. Мира, д. 1']);
    // (Both made at the same moment of the test clock: found by what they carry, not by their order.)
    const decision = mine.find((d: { text: string }) => d.text.includes('Уведомление о предоставлении лицензии'));
    expect(decision).toBeDefined();
    // Only staff of the region mark it done.
    expect((await api.http().get('/api/regions/vologda/paper-deliveries').set(await bearer('applicant@vologda'))).status).toBe(403);
    const done = `/api/applications/${app.id}/deliveries/${decision.id}/done`;
    expect((await api.http().post(done).set(await bearer('applicant@vologda'))).status).toBe(403);
    const res = await api.http().post(done).set(await bearer('officer@vologda'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', finishedBy: 'officer@vologda' });
    expect((await api.http().post(done).set(await bearer('officer@vologda'))).status).toBe(409);
    const left = await api.http().get('/api/regions/vologda/paper-deliveries').set(await bearer('officer@vologda'));
    expect(left.body.items.map((d: { id: string }) => d.id)).not.toContain(decision.id);
    // A paper copy is never sent by e-mail.
    await api.running.mailer!.runOnce();
    expect(received.every((r) => !r.mail.text?.includes('бумажном'))).toBe(true);
  });
});
