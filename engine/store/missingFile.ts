/**
 * Whether a failed file operation means there is no such record: the file is absent, or its name is one
 * no file of the store can have (longer than the file system allows: an id taken from a request, such as
 * a delivery's or an upload's, is looked up by its file name).
 */
export function isMissingFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENAMETOOLONG';
}
