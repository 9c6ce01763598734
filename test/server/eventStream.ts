/** Reads a server-sent event stream in a test, without a browser. */

export interface StreamEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
}

/** The named events of a response body, as they arrive (comments and keep-alives left out). */
async function* eventsOf(body: NonNullable<Response['body']>): AsyncGenerator<StreamEvent> {
  let buffer = '';
  for await (const chunk of body.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: { id?: string; event?: string; data?: string } = {};
      for (const line of block.split('\n')) {
        const at = line.indexOf(': ');
        const key = at < 0 ? line : line.slice(0, at);
        if (key === 'id' || key === 'event' || key === 'data') event[key] = line.slice(at + 2);
      }
      if (event.event) yield event;
    }
  }
}

/**
 * Opens `url` as an event stream and reads until `until` holds for the events so far (the test's
 * timeout bounds the wait). `onOpen` runs once the stream has answered, before reading: what it does
 * is then seen by the stream. Returns the status and the events.
 */
export async function readEvents(
  url: string,
  token: string,
  until: (events: StreamEvent[]) => boolean,
  options: { lastEventId?: string; onOpen?: () => Promise<unknown> } = {},
): Promise<{ status: number; events: StreamEvent[] }> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream', ...(options.lastEventId ? { 'Last-Event-ID': options.lastEventId } : {}) },
    signal: controller.signal,
  });
  const events: StreamEvent[] = [];
  if (res.status !== 200) {
    controller.abort();
    return { status: res.status, events };
  }
  await options.onOpen?.();
  if (!until(events)) {
    for await (const event of eventsOf(res.body!)) {
      events.push(event);
      if (until(events)) break;
    }
  }
  controller.abort();
  return { status: res.status, events };
}

/** An event stream held open by a test: the events so far, and whether (and when) the server ended it. */
export interface OpenStream {
  readonly status: number;
  readonly events: StreamEvent[];
  /** Resolves when the server ends the stream (the response body is done). */
  readonly ended: Promise<void>;
  /** Whether the server has ended it yet. */
  isEnded(): boolean;
  /** Resolves once an event satisfying `test` has arrived (the test's timeout bounds the wait). */
  waitFor(test: (event: StreamEvent) => boolean): Promise<StreamEvent>;
  /** Closes it from the client's side. */
  close(): void;
}

/** Opens `url` as an event stream and keeps reading it in the background until the server ends it or `close()`. */
export async function openEvents(url: string, token: string): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' }, signal: controller.signal });
  const events: StreamEvent[] = [];
  const waiters: { test: (event: StreamEvent) => boolean; resolve: (event: StreamEvent) => void }[] = [];
  let done = false;
  const heard = (event: StreamEvent) => {
    events.push(event);
    for (const waiter of waiters.splice(0)) {
      if (waiter.test(event)) waiter.resolve(event);
      else waiters.push(waiter);
    }
  };
  const read = async () => {
    if (res.status !== 200) return;
    for await (const event of eventsOf(res.body!)) heard(event);
  };
  // An abort from close() ends the read too; either way the stream is over.
  const ended = read()
    .catch(() => undefined)
    .then(() => {
      done = true;
    });
  return {
    status: res.status,
    events,
    ended,
    isEnded: () => done,
    waitFor: (test) => {
      const seen = events.find(test);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ test, resolve }));
    },
    close: () => controller.abort(),
  };
}
