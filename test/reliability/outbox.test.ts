/**
 * The outbox through crashes, on each persistent store, with a real SMTP server in the test process.
 * A server process is killed (SIGKILL) while the mail server holds its e-mail unanswered: the message
 * was never accepted (its connection died before the final reply), and the next start sends it again,
 * so it arrives, once. Killed again after the e-mail was accepted and recorded as sent, the next start
 * sends nothing: the outbox holds it as made.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { approveReview, permitSubmission } from '../server/sampleData.ts';
import { announceSkip, pgTestDatabase } from '../store/pgTestDatabase.ts';
import { call, login } from './harness/api.ts';
import { SAMPLE_USERS, SUBMIT_PATH } from './harness/sampleLoad.ts';
import { ServerProcess } from './harness/serverProcess.ts';
import { lowdbVariant, pgVariant, type StoreVariant } from './harness/storeVariants.ts';

const db = await pgTestDatabase();
if ('skip' in db) announceSkip('outbox crash test on PostgreSQL', db.skip);

const variants: { name: string; make?: () => Promise<StoreVariant> }[] = [
  { name: 'lowdb', make: async () => lowdbVariant() },
  { name: 'postgresql', make: 'url' in db ? () => pgVariant(db.url) : undefined },
];

/** A mail server that can hold a message unanswered, and counts only the messages it accepted. */
class MailServer {
  readonly accepted: { messageId: string; subject: string }[] = [];
  #hold: { arrived: (session: string) => void; release: Promise<void> } | null = null;
  readonly #closed = new Set<string>();
  readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onClose: (session: SMTPServerSession) => this.#closed.add(session.id),
    onData: (stream, session, callback) => {
      void simpleParser(stream).then(async (mail) => {
        const hold = this.#hold;
        if (hold) {
          this.#hold = null;
          hold.arrived(session.id);
          await hold.release;
        }
        // A reply nobody can read (the sender is gone) accepts nothing: the sender never learned of it.
        if (this.#closed.has(session.id)) return callback(new Error('the client is gone'));
        this.accepted.push({ messageId: mail.messageId ?? '', subject: mail.subject ?? '' });
        callback();
      }, callback);
    },
  });
  port = 0;

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as { port: number }).port;
  }

  /** The next message is held until `release` resolves; resolves with its session once it has fully arrived. */
  holdNext(release: Promise<void>): Promise<string> {
    return new Promise((arrived) => (this.#hold = { arrived, release }));
  }

  /** Whether the connection of a session has closed. */
  isClosed(session: string): boolean {
    return this.#closed.has(session);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(resolve));
  }
}

/** Polls `check` until it holds (a condition, not a guess at a duration); fails after `timeoutMs`. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(variants)('outbox through crashes: $name store', ({ name, make }) => {
  it.skipIf(!make)('sends an e-mail whose sending a crash cut short once, and a sent one never again', async () => {
    const variant = await make!();
    const mail = new MailServer();
    await mail.listen();
    const dataDir = await mkdtemp(path.join(tmpdir(), `reglament-outbox-${name}-`));
    // Quick rounds, and a short lease so the PostgreSQL outbox gives a dead sender's e-mail back soon.
    const env = { ...variant.env, SMTP_URL: `smtp://127.0.0.1:${mail.port}`, OUTBOX_POLL_SECONDS: '1', OUTBOX_LEASE_SECONDS: '2' };
    let server = await ServerProcess.start({ dataDir, env });
    try {
      const applicant = await login(server.url, SAMPLE_USERS.applicant);
      const officer = await login(server.url, SAMPLE_USERS.officer);
      const head = await login(server.url, SAMPLE_USERS.head);
      const submission = { ...permitSubmission(), applicant: { ...permitSubmission().applicant, email: 'applicant@example.ru' } };
      let app = (await call(server.url, 'POST', SUBMIT_PATH, { token: applicant, json: { submission } })).body.application;
      const released = (() => {
        let release!: () => void;
        return { promise: new Promise<void>((resolve) => (release = resolve)), release: () => release() };
      })();
      const held = mail.holdNext(released.promise);
      for (const [event, token, payload] of [['REGISTER', officer, {}], ['REVIEW', officer, approveReview], ['SIGN', head, {}], ['NOTIFY', officer, {}]] as const) {
        const reply = await call(server.url, 'POST', `/api/applications/${app.id}/events`, { token, json: { event, version: app.version, payload } });
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        app = reply.body.application;
      }
      // The notice of the grant (a result of the service) is on its way: the mail server holds it.
      const session = await held;
      await server.kill('SIGKILL');
      await until('the mail server sees the connection drop', async () => mail.isClosed(session));
      released.release();
      expect(mail.accepted).toEqual([]);

      server = await ServerProcess.start({ dataDir, env });
      await until('the e-mail is accepted after the restart', async () => mail.accepted.length > 0);
      expect(mail.accepted).toHaveLength(1);
      const [delivery] = (await call(server.url, 'GET', `/api/applications/${app.id}/deliveries`, { token: officer })).body.items;
      expect(mail.accepted[0]).toEqual({ messageId: `<${delivery.id}@reglament>`, subject: expect.stringContaining(app.number) });
      await until('the outbox records it sent', async () => (await call(server.url, 'GET', `/api/applications/${app.id}/deliveries`, { token: officer })).body.items[0].status === 'sent');

      // Sent and recorded: a crash now changes nothing; the restarted outbox holds nothing to send.
      await server.kill('SIGKILL');
      server = await ServerProcess.start({ dataDir, env });
      const after = (await call(server.url, 'GET', `/api/applications/${app.id}/deliveries`, { token: officer })).body.items;
      // One recorded attempt: the one the crash cut short was never recorded.
      expect(after.map((d: { status: string; attempts: number }) => [d.status, d.attempts])).toEqual([['sent', 1]]);
      expect(mail.accepted).toHaveLength(1);
      await variant.checkIntact(dataDir, false);
    } finally {
      await server.kill();
      await mail.close();
      await rm(dataDir, { recursive: true, force: true });
      await variant.dispose();
    }
  });
});
