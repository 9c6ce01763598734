import { readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

/**
 * Lines of the file store's write-ahead log. Each line is one JSON object,
 *
 *   {"crc":"<crc32 of the entry's UTF-8 bytes, 8 hex digits>","entry":<entry JSON>}\n
 *
 * written with the prefix and suffix exactly so, so the checksum is checked over the entry's bytes as
 * written (no re-serialising). A line counts only if it ends with "\n" and its checksum matches.
 */
const PREFIX = Buffer.from('{"crc":"');
const MIDDLE = Buffer.from('","entry":');
const CRC_END = PREFIX.length + 8;
const ENTRY_START = CRC_END + MIDDLE.length;
const NEWLINE = 0x0a;
const CLOSING_BRACE = 0x7d;

/** The log line (with its "\n") of an entry given as JSON text. */
export function walLine(entryJson: string): string {
  return `{"crc":"${crc32(entryJson).toString(16).padStart(8, '0')}","entry":${entryJson}}\n`;
}

/** A log whose damage is not just a torn tail: a bad line with good lines after it. */
export class CorruptWalError extends Error {
  constructor(
    readonly path: string,
    readonly offset: number,
  ) {
    super(
      `write-ahead log ${path} is damaged at byte ${offset}: a line there fails its checksum but valid lines follow it, ` +
        'so it is not the torn end of an interrupted write. The store will not start, because replaying past the damage ' +
        'could apply writes out of order and skipping it could drop acknowledged ones. Restore the data folder from a backup, ' +
        `or, accepting the loss of every write from that line on, truncate the file to ${offset} bytes.`,
    );
    this.name = 'CorruptWalError';
  }
}

/**
 * The entries of a log, oldest first, as parsed JSON. A damaged or unterminated final part is the
 * write a crash interrupted (never acknowledged, since acknowledgement waits for the sync) and is left
 * out; damage followed by a valid line throws CorruptWalError naming the file and byte offset.
 */
export function parseWal(bytes: Buffer, path: string): { readonly entries: unknown[]; readonly tornAt: number | null } {
  const entries: unknown[] = [];
  let damagedAt: number | null = null;
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end === -1) {
      damagedAt ??= start; // no newline: the append was cut short
      break;
    }
    const entry = entryOf(bytes, start, end);
    if (entry === undefined) damagedAt ??= start;
    else if (damagedAt !== null) throw new CorruptWalError(path, damagedAt);
    else entries.push(entry.value);
    start = end + 1;
  }
  return { entries, tornAt: damagedAt };
}

/** Reads and parses a log file (see parseWal). */
export async function readWal(path: string): Promise<{ readonly entries: unknown[]; readonly tornAt: number | null }> {
  return parseWal(await readFile(path), path);
}

function entryOf(bytes: Buffer, start: number, end: number): { value: unknown } | undefined {
  if (end - start < ENTRY_START + 1) return undefined;
  if (bytes.compare(PREFIX, 0, PREFIX.length, start, start + PREFIX.length) !== 0) return undefined;
  if (bytes.compare(MIDDLE, 0, MIDDLE.length, start + CRC_END, start + ENTRY_START) !== 0) return undefined;
  if (bytes[end - 1] !== CLOSING_BRACE) return undefined;
  const crcText = bytes.toString('latin1', start + PREFIX.length, start + CRC_END);
  if (!/^[0-9a-f]{8}$/.test(crcText)) return undefined;
  const entry = bytes.subarray(start + ENTRY_START, end - 1);
  if (crc32(entry) !== Number.parseInt(crcText, 16)) return undefined;
  try {
    return { value: JSON.parse(entry.toString('utf8')) };
  } catch {
    return undefined; // a checksum collision on garbage; treat as damage
  }
}
