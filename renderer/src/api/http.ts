/**
 * The one place the UI talks HTTP: JSON in and out, the session token as a Bearer header, and every
 * non-2xx answer turned into an ApiError carrying the server's message.
 */
import { ApiError } from './ApiError.ts';

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly token?: string | null;
  readonly signal?: AbortSignal;
  /** Let the request finish after the page is left (saving a draft on the way out). */
  readonly keepalive?: boolean;
}

/** Message shown when the server cannot be reached at all. */
const OFFLINE = 'Сервер недоступен. Проверьте подключение и повторите попытку.';

function headersFor(options: RequestOptions, accept: string): Headers {
  const headers = new Headers({ Accept: accept });
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  if (options.token) headers.set('Authorization', `Bearer ${options.token}`);
  return headers;
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: headersFor(options, accept),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      keepalive: options.keepalive,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, OFFLINE);
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: string; errors?: ApiError['fieldErrors'] };
    return new ApiError(response.status, body.error ?? `Ошибка ${response.status}`, body.errors ?? [], body);
  } catch {
    return new ApiError(response.status, `Ошибка сервера (${response.status})`);
  }
}

/** A JSON request; resolves to the parsed body. */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  return (await response.json()) as T;
}

/** A request whose answer has no body (204), e.g. signing out. */
export async function requestEmpty(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options, 'application/json');
}

/** A request for an HTML document (rendered notices, orders); resolves to its text. */
export async function requestHtml(path: string, options: RequestOptions = {}): Promise<string> {
  const response = await send(path, options, 'text/html');
  return response.text();
}
