/**
 * Uploading a file with progress (XMLHttpRequest: fetch cannot report how much of a request body has
 * been sent), and downloading a file that needs the session token (as a blob, then saved by the browser).
 */
import { ApiError } from './ApiError.ts';

/** What the server recorded of an upload: the reference a form keeps. */
export interface UploadedFile {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly sha256?: string;
}

export interface UploadHandle {
  readonly done: Promise<UploadedFile>;
  abort(): void;
}

/** Sends `file` as the multipart part `file` to `url`; `onProgress` gets the share sent, 0..1. */
export function uploadFile(url: string, file: File, token: string | null, onProgress: (share: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadedFile>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: { error?: string; errors?: ApiError['fieldErrors'] } & Partial<UploadedFile> = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: a proxy's page, say
      }
      if (xhr.status === 201 && typeof body.id === 'string') resolve(body as UploadedFile);
      else reject(new ApiError(xhr.status, body.error ?? `Файл не принят (ошибка ${xhr.status})`, body.errors ?? []));
    };
    // The server answers a refused file before reading all of it and closes the connection: some
    // browsers then report a network error instead of the answer.
    xhr.onerror = () => reject(new ApiError(0, 'Файл не удалось отправить: связь с сервером прервалась (возможно, файл слишком большой). Повторите попытку.'));
    xhr.onabort = () => reject(new ApiError(0, 'Загрузка отменена'));
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}

/** Downloads an upload the session may read and lets the browser save it under its name. */
export async function downloadFile(id: string, name: string, token: string | null): Promise<void> {
  const response = await fetch(`/api/uploads/${encodeURIComponent(id)}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(response.status, response.status === 404 ? 'Файл не найден' : `Ошибка ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
