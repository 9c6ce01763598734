/**
 * Live updates over server-sent events. The hub hears every change of an application from the engine
 * (the store's change feed: this process's writes, and on PostgreSQL every process's, by NOTIFY) and
 * passes each to the streams allowed to see it: staff of the application's region see every change
 * there, an applicant only those of their own applications. An event says only which application
 * changed and its new version; the page then reloads it through the ordinary API, which applies every
 * permission again.
 *
 * The last RING_SIZE changes are kept in the order heard (on PostgreSQL, commit order: the same in every
 * process), so a stream that reconnects with Last-Event-ID gets what it missed. If that id is no longer
 * known (too old, or heard by a process that has since restarted), the stream gets a `reset` event: reload
 * everything.
 *
 * A stream lives no longer than the session that opened it: it ends when its token would expire, and
 * at once when the session ends before that (logout, a new password, an administrator's revocation, the
 * user's access gone). The hub is told when sessions or users change (`endWhenChanged`) and asks each
 * stream again whether it may go on; these changes are rare, so the cost is one check per open stream then.
 */
import type { ServerResponse } from 'node:http';
import type { ApplicationChange, EngineApi } from '../../engine/api.ts';

/** Changes kept for streams that reconnect. */
const RING_SIZE = 2000;
/** A comment line this often keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 25_000;

export interface LiveStream {
  readonly region: string;
  /** null: every change of the region (staff); else only changes of applications this user filed. */
  readonly applicantId: string | null;
  readonly res: ServerResponse;
  /** Milliseconds until the token the stream was opened with expires: the stream ends then (the client reconnects with a fresh one). */
  readonly ttlMs?: number;
  /** Whether the stream may go on (its session holds, its user still sees the region): asked again whenever sessions or users change; false ends it. */
  readonly stillAllowed?: () => boolean;
}

/** Subscribes a listener to changes of sessions or users; returns the function that unsubscribes it. */
export type OnChange = (listener: () => void) => () => void;

export class LiveHub {
  readonly #engine: EngineApi;
  readonly #streams = new Set<LiveStream>();
  readonly #ring: ApplicationChange[] = [];
  #watching: Promise<() => Promise<void>> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #unsubscribe: (() => void)[] = [];

  constructor(engine: EngineApi) {
    this.#engine = engine;
  }

  /** Asks every open stream again whether it may go on whenever one of `sources` tells of a change (until close). */
  endWhenChanged(...sources: OnChange[]): void {
    for (const onChange of sources) this.#unsubscribe.push(onChange(() => this.recheck()));
  }

  /** Ends every stream that may no longer go on (its session ended, its user lost access). */
  recheck(): void {
    for (const stream of this.#streams) {
      if (stream.stillAllowed && !stream.stillAllowed()) {
        this.#streams.delete(stream);
        stream.res.end();
      }
    }
  }

  /** Starts hearing changes (once); resolves when the store listens. */
  ready(): Promise<unknown> {
    this.#watching ??= this.#engine.watch((change) => this.#heard(change));
    return this.#watching;
  }

  /** Serves `stream` from now on, first replaying what it missed after `lastEventId`. */
  open(stream: LiveStream, lastEventId: string | undefined): void {
    // The session may have ended while the stream was being set up.
    if (this.#closed || (stream.stillAllowed && !stream.stillAllowed())) {
      stream.res.end();
      return;
    }
    stream.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    // Reconnect after 2 s if the connection drops.
    stream.res.write('retry: 2000\n\n');
    if (lastEventId !== undefined) {
      const at = this.#ring.findIndex((c) => c.id === lastEventId);
      if (at < 0) stream.res.write('event: reset\ndata: {}\n\n');
      else for (const change of this.#ring.slice(at + 1)) this.#send(stream, change);
    }
    this.#streams.add(stream);
    // A stream lives no longer than the token that opened it: after a logout or a revoked access, it stops telling.
    const expiry = stream.ttlMs === undefined ? undefined : setTimeout(() => stream.res.end(), Math.max(0, stream.ttlMs));
    stream.res.on('close', () => {
      clearTimeout(expiry);
      this.#streams.delete(stream);
    });
    this.#timer ??= setInterval(() => {
      for (const s of this.#streams) s.res.write(': keep-alive\n\n');
    }, KEEP_ALIVE_MS).unref();
  }

  /** Ends every stream (at shutdown, so the server can close) and stops hearing changes. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    for (const stream of this.#streams) stream.res.end();
    this.#streams.clear();
    const stop = await this.#watching?.catch(() => undefined);
    await stop?.();
  }

  #heard(change: ApplicationChange): void {
    this.#ring.push(change);
    if (this.#ring.length > RING_SIZE) this.#ring.splice(0, this.#ring.length - RING_SIZE);
    for (const stream of this.#streams) this.#send(stream, change);
  }

  #send(stream: LiveStream, change: ApplicationChange): void {
    if (stream.region !== change.region) return;
    if (stream.applicantId !== null && stream.applicantId !== change.applicantId) return;
    // Ids are UUIDs and application ids, JSON-encoded: no line breaks can reach the stream.
    stream.res.write(`id: ${change.id}\nevent: application\ndata: ${JSON.stringify({ id: change.applicationId, version: change.version })}\n\n`);
  }
}
