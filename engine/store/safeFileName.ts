/**
 * Turns any key (application id, licence number, config version) into one file-name segment:
 * percent-encoding removes "/" and "\", and dots are encoded too so "." and ".." cannot occur.
 * Injective, so two keys never share a file.
 */
export function safeFileName(key: string): string {
  if (key.length === 0) throw new RangeError('empty key has no file name');
  return encodeURIComponent(key).replaceAll('.', '%2E').replaceAll('*', '%2A');
}
