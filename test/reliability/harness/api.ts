/** A small HTTP client for the API, over fetch: no retries, no cleverness, every status visible. */

export interface Reply {
  readonly status: number;
  /** Parsed JSON body, or the text when it is not JSON, or undefined for an empty body. */
  readonly body: any;
}

export interface Call {
  readonly token?: string;
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as is (malformed JSON, invalid UTF-8…), with content-type application/json unless given. */
  readonly raw?: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
  /** Gives up on the request after this long (a hang detector, not a measurement). Default 30 s. */
  readonly timeoutMs?: number;
}

export async function call(baseUrl: string, method: string, path: string, options: Call = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined;
  if (options.json !== undefined) body = JSON.stringify(options.json);
  if (options.raw !== undefined) body = options.raw;
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(baseUrl + path, { method, headers, body: body as BodyInit | undefined, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  const text = await response.text();
  let parsed: unknown = text === '' ? undefined : text;
  if (text !== '' && (response.headers.get('content-type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      // Left as text: a test asserting on the body will show it.
    }
  }
  return { status: response.status, body: parsed };
}

/** Signs in (development users: the password is the role, the part of the login before "@"). */
export async function login(baseUrl: string, user: string): Promise<string> {
  const reply = await call(baseUrl, 'POST', '/api/auth/login', { json: { login: user, password: user.split('@')[0] } });
  if (reply.status !== 200) throw new Error(`login ${user}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.token as string;
}
