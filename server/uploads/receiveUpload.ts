/**
 * Streams one multipart upload (its file part named `file`) into the upload store, checking the field's
 * limits while the bytes arrive: a declared length over the limit is refused before a byte is read,
 * and a body that passes it is cut off at the limit (413); the content's real type, sniffed from its
 * first bytes, must be one of the field's formats and agree with the file name's extension (422), and
 * is checked before the rest of the file is read. The answer to a refusal closes the connection, so
 * the server stops reading the body.
 */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import type { Field } from '../../config/types/generated.ts';
import { HttpError } from '../http/HttpError.ts';
import type { UploadRecord, UploadStore } from './uploadStore.ts';

/** Largest file when the field names no maxFileSizeMb. */
export const DEFAULT_MAX_FILE_MB = 20;
/** Room for the multipart boundaries and part headers around the file itself. */
const ENVELOPE = 64 * 1024;
/** file-type reads at most this many bytes to decide. */
const SNIFF_BYTES = 4100;
/** Extensions that name the same type as the one file-type reports. */
const SAME_TYPE: Readonly<Record<string, string>> = { jpeg: 'jpg', tiff: 'tif' };

const norm = (ext: string) => SAME_TYPE[ext] ?? ext;

function refuse(status: number, field: string, message: string): HttpError {
  return new HttpError(status, message, { errors: [{ path: field, message, keyword: status === 413 ? 'maxFileSize' : 'format' }], headers: { Connection: 'close' } });
}

export interface UploadTarget {
  readonly owner: string;
  readonly region: string;
  readonly service: string;
  readonly fieldPath: string;
  readonly field: Field;
}

export async function receiveUpload(req: Request, store: UploadStore, target: UploadTarget, now: Date): Promise<UploadRecord> {
  const { fieldPath, field } = target;
  const maxMb = field.maxFileSizeMb ?? DEFAULT_MAX_FILE_MB;
  const limit = maxMb * 1024 * 1024;
  const tooLarge = () => refuse(413, fieldPath, `Поле «${field.title}»: файл больше ${maxMb} МБ`);
  const formats = (field.formats ?? []).map(norm);

  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'Файл передаётся телом multipart/form-data с частью file');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit + ENVELOPE) throw tooLarge();

  const parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 0, parts: 1, fileSize: limit } });
  const { id, out } = await store.begin();
  try {
    const record = await new Promise<UploadRecord>((resolve, reject) => {
      let started = false;
      parser.on('file', (name, file, info) => {
        started = true;
        if (name !== 'file') return reject(new HttpError(400, 'Часть с файлом должна называться file'));
        const fileName = info.filename ?? '';
        const dot = fileName.lastIndexOf('.');
        const extension = dot > 0 ? norm(fileName.slice(dot + 1).toLowerCase()) : '';
        if (formats.length > 0 && !formats.includes(extension)) {
          return reject(refuse(422, fieldPath, `Поле «${field.title}»: допустимые форматы: ${(field.formats ?? []).join(', ')}`));
        }
        const hash = createHash('sha256');
        let size = 0;
        let head: Buffer | null = Buffer.alloc(0);
        let type = '';
        const sniff = async (): Promise<void> => {
          const found = await fileTypeFromBuffer(head!);
          head = null;
          const allowed = formats.length === 0 || (found !== undefined && formats.includes(norm(found.ext)));
          if (!found || !allowed || norm(found.ext) !== extension) {
            throw refuse(422, fieldPath, `Поле «${field.title}»: содержимое файла не соответствует формату ${extension || 'без расширения'}`);
          }
          type = found.mime;
        };
        const check = new Transform({
          transform(chunk: Buffer, _enc, done: TransformCallback) {
            size += chunk.length;
            hash.update(chunk);
            if (head === null) return done(null, chunk);
            head = Buffer.concat([head, chunk]);
            if (head.length < SNIFF_BYTES) return done();
            const all = head;
            sniff().then(() => done(null, all), done);
          },
          flush(done: TransformCallback) {
            if (head === null) return done();
            const all = head;
            sniff().then(() => done(null, all), done);
          },
        });
        file.on('limit', () => check.destroy(tooLarge()));
        pipeline(file, check, out).then(
          () => resolve({ id, owner: target.owner, region: target.region, service: target.service, field: fieldPath, name: fileName, type, size, sha256: hash.digest('hex'), createdAt: now.toISOString() }),
          reject,
        );
      });
      parser.on('error', reject);
      parser.on('close', () => {
        if (!started) reject(new HttpError(400, 'В запросе нет части file с файлом'));
      });
      req.on('aborted', () => reject(new HttpError(400, 'Запрос прерван клиентом')));
      req.pipe(parser);
    });
    await store.commit(record);
    return record;
  } catch (e) {
    req.unpipe(parser);
    // Wait for the file to be closed: a stream destroyed while its file is still being opened creates
    // the file after an immediate removal would have run, leaving a .part behind.
    const closed = out.closed ? Promise.resolve() : new Promise<void>((resolve) => out.once('close', () => resolve()));
    out.destroy();
    await closed;
    await store.abort(id);
    throw e;
  }
}
