/** Reads a server-sent event stream in a test, without a browser. */

export interface StreamEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
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
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
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
      if (event.event) events.push(event);
    }
  }
  controller.abort();
  return { status: res.status, events };
}
