/**
 * Sends the outbox's e-mails through SMTP (nodemailer). Every few seconds it takes the due e-mails
 * (Store.claimDeliveries: each held by this sender for a lease, so other server processes leave it
 * alone), sends each with its documents attached, and records the outcome: sent (final), or failed
 * with the next attempt after a growing pause (1 min, 2, 4 ... at most 6 h), given up after 12
 * attempts or at once when the mail server refuses the message for good (5xx).
 *
 * Delivery is at least once: an e-mail is marked sent only after the SMTP server accepted it, so a
 * crash in between sends it again on the next start. Each e-mail carries a Message-ID made from its
 * outbox id, the same on every attempt, by which a mail system can tell a repeat.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Clock, DeliveryRecord, Store } from '../../engine/api.ts';

export interface SmtpSettings {
  /** nodemailer SMTP transport options (host, port, secure, auth). */
  readonly transport: Record<string, unknown>;
  /** The From address. */
  readonly from: string;
}

export interface MailerOptions {
  /** How often to look for due e-mails; default 5 s. */
  readonly pollMs?: number;
  /** First pause after a failed attempt, doubled each time; default 60 s. */
  readonly retryBaseMs?: number;
  /** Longest pause between attempts; default 6 h. */
  readonly retryMaxMs?: number;
  /** Attempts before giving up; default 12. */
  readonly maxAttempts?: number;
  /** How long a taken e-mail is held before another sender may take it; default 10 min. */
  readonly leaseMs?: number;
  /** E-mails per round; default 20. */
  readonly batch?: number;
}

/**
 * SMTP from the environment: SMTP_URL (smtp://user:password@host:587, smtps:// for TLS from the
 * start), or SMTP_HOST with SMTP_PORT (default 587), SMTP_USER, SMTP_PASSWORD and SMTP_SECURE=true
 * (TLS from the start, usually port 465); SMTP_FROM is the sender's address. Without SMTP_URL and
 * SMTP_HOST: null (e-mails wait in the outbox).
 */
export function smtpFromEnv(env: NodeJS.ProcessEnv): SmtpSettings | null {
  const from = env.SMTP_FROM?.trim() || 'reglament@localhost';
  if (env.SMTP_URL?.trim()) return { transport: { url: env.SMTP_URL.trim() }, from };
  const host = env.SMTP_HOST?.trim();
  if (!host) return null;
  const portText = env.SMTP_PORT?.trim() || '587';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new RangeError(`SMTP_PORT must be a port number, got "${portText}"`);
  const secure = env.SMTP_SECURE === 'true' || env.SMTP_SECURE === '1';
  const user = env.SMTP_USER?.trim();
  return {
    transport: { host, port: Number(portText), secure, ...(user ? { auth: { user, pass: env.SMTP_PASSWORD ?? '' } } : {}) },
    from,
  };
}

/**
 * The sender's timing from the environment: OUTBOX_LEASE_SECONDS (how long an e-mail a sender took
 * is held before another process may retry it, e.g. after that sender crashed; default 600) and
 * OUTBOX_POLL_SECONDS (how often the outbox is read; default 5).
 */
export function mailerOptionsFromEnv(env: NodeJS.ProcessEnv): MailerOptions {
  const seconds = (name: string): number | undefined => {
    const text = env[name];
    if (text === undefined || text === '') return undefined;
    if (!/^[1-9]\d{0,6}$/.test(text)) throw new RangeError(`${name} must be a whole number of seconds, got "${text}"`);
    return Number(text) * 1000;
  };
  const leaseMs = seconds('OUTBOX_LEASE_SECONDS');
  const pollMs = seconds('OUTBOX_POLL_SECONDS');
  return { ...(leaseMs !== undefined && { leaseMs }), ...(pollMs !== undefined && { pollMs }) };
}

export class Mailer {
  readonly #store: Store;
  readonly #transport: Transporter;
  readonly #from: string;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #options: Required<MailerOptions>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> = Promise.resolve(0);
  #stopped = false;

  constructor(store: Store, smtp: SmtpSettings, clock: Clock, logger: Logger, options: MailerOptions = {}) {
    this.#store = store;
    this.#transport = nodemailer.createTransport(smtp.transport);
    this.#from = smtp.from;
    this.#clock = clock;
    this.#logger = logger;
    this.#options = {
      pollMs: options.pollMs ?? 5_000,
      retryBaseMs: options.retryBaseMs ?? 60_000,
      retryMaxMs: options.retryMaxMs ?? 6 * 3_600_000,
      maxAttempts: options.maxAttempts ?? 12,
      leaseMs: options.leaseMs ?? 10 * 60_000,
      batch: options.batch ?? 20,
    };
  }

  /** Starts sending now and every pollMs. */
  start(): void {
    const tick = () => {
      if (this.#stopped) return;
      this.#running = this.#running.then(() => this.runOnce()).catch((e: unknown) => {
        this.#logger.error({ err: e }, 'the mailer could not read the outbox');
        return 0;
      });
      void this.#running.then(() => {
        if (!this.#stopped) this.#timer = setTimeout(tick, this.#options.pollMs).unref();
      });
    };
    tick();
  }

  /** Stops taking e-mails; resolves once the round under way is over. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running.catch(() => undefined);
    this.#transport.close();
  }

  /** One round: sends every due e-mail it can take; returns how many were accepted. */
  async runOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await this.#store.claimDeliveries('email', this.#clock.now(), this.#options.batch, this.#options.leaseMs);
      if (due.length === 0) return sent;
      for (const delivery of due) if (await this.#send(delivery)) sent++;
      if (due.length < this.#options.batch || this.#stopped) return sent;
    }
  }

  async #send(delivery: DeliveryRecord): Promise<boolean> {
    const attempt = delivery.attempts + 1;
    try {
      const documents = await Promise.all(delivery.documentIds.map((id) => this.#store.getDocument(id)));
      await this.#transport.sendMail({
        from: this.#from,
        to: delivery.to ?? undefined,
        subject: delivery.subject,
        text: delivery.text,
        messageId: `<${delivery.id}@reglament>`,
        headers: { 'X-Reglament-Application': delivery.number },
        attachments: documents.flatMap((d) => (d ? [{ filename: `${fileName(d.title)}.html`, content: d.html, contentType: 'text/html; charset=utf-8' }] : [])),
      });
      await this.#store.updateDelivery({ ...delivery, status: 'sent', attempts: attempt, lastError: null, finishedAt: this.#clock.now().toISOString() });
      // The address is personal data: the log names the message by its outbox id only.
      this.#logger.info({ delivery: delivery.id, application: delivery.applicationId }, 'e-mail sent');
      return true;
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const permanent = typeof code === 'number' && code >= 500 && code < 600;
      const giveUp = permanent || attempt >= this.#options.maxAttempts;
      const pause = Math.min(this.#options.retryBaseMs * 2 ** (attempt - 1), this.#options.retryMaxMs);
      const now = this.#clock.now();
      const message = (error as Error).message.slice(0, 500);
      await this.#store.updateDelivery({
        ...delivery,
        status: giveUp ? 'failed' : 'pending',
        attempts: attempt,
        lastError: message,
        nextAttemptAt: giveUp ? delivery.nextAttemptAt : new Date(now.getTime() + pause).toISOString(),
        finishedAt: giveUp ? now.toISOString() : null,
      });
      this.#logger.warn({ delivery: delivery.id, application: delivery.applicationId, attempt, code, giveUp }, `e-mail not sent: ${withoutAddresses(message)}`);
      return false;
    }
  }
}

/** An SMTP error text with the e-mail addresses in it masked (personal data stays out of the log). */
function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>"'@]+@[^\s<>"']+/g, '<адрес>');
}

/** A document title as a file name: no characters a mail client or file system would trip on. */
function fileName(title: string): string {
  return title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim().slice(0, 120) || 'document';
}
