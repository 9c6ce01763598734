/**
 * For tests that file over HTTP with plain fetch: every file(...) placeholder of the data (test/server/
 * harness.ts) is uploaded as `login` for its field, and the data comes back referring to the uploads,
 * as the browser's file widget leaves it.
 */
import { replacePending, type PendingFile } from './pendingFiles.ts';

export async function uploadPending<T>(baseUrl: string, login: string, region: string, service: string, data: T): Promise<T> {
  const signedIn = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: login.split('@')[0] }) });
  const { token } = (await signedIn.json()) as { token: string };
  const upload = async (field: string, file: PendingFile) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file.body)]), file.$upload);
    const res = await fetch(`${baseUrl}/api/regions/${region}/services/${service}/uploads?field=${encodeURIComponent(field)}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = (await res.json()) as { id: string; name: string };
    if (res.status !== 201) throw new Error(`upload ${file.$upload} for ${field}: ${res.status} ${JSON.stringify(body)}`);
    return { id: body.id, name: body.name };
  };
  return replacePending(data, upload);
}
