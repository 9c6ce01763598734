/**
 * Streams one multipart upload (its file part named `file`) into the store, checking the field's
 * limits while the bytes arrive: a declared length over the limit is refused before a byte is read,
 * and a body that passes it is cut off at the limit (413); the content's real type, sniffed from its
 * first bytes, must be one of the field's formats and agree with the file name's extension (422), and
 * is checked before the rest of the file is read. With a virus scanner configured, the bytes go to it
 * as they arrive and the file is kept only if it is clean. The answer to a refusal closes the
 * connection, so the server stops reading the body.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import type { EngineApi, UploadRecord, UploadTarget } from '../../engine/api.ts';
import { DEFAULT_MAX_FILE_MB } from '../../engine/forms/attachments.ts';
import { HttpError } from '../http/HttpError.ts';
import { ScanUnavailableError, type ScanSession, type VirusScanner } from './virusScan.ts';

/** Room for the multipart boundaries and part headers around the file itself. */
const ENVELOPE = 64 * 1024;
/** file-type reads at most this many bytes to decide. */
const SNIFF_BYTES = 4100;
/** Longest file name kept (the rest is cut, the extension kept). */
const MAX_NAME = 255;
/** Extensions that name the same type as the one file-type reports. */
const SAME_TYPE: Readonly<Record<string, string>> = { jpeg: 'jpg', tiff: 'tif' };

const norm = (ext: string) => SAME_TYPE[ext] ?? ext;

function refuse(status: number, field: string, message: string, keyword: string): HttpError {
  return new HttpError(status, message, { errors: [{ path: field, message, keyword }], headers: { Connection: 'close' } });
}

export interface ReceiveOptions {
  readonly engine: EngineApi;
  readonly target: UploadTarget;
  /** The uploader's user id. */
  readonly owner: string;
  readonly now: Date;
  readonly scanner: VirusScanner | null;
}

export async function receiveUpload(req: Request, options: ReceiveOptions): Promise<UploadRecord> {
  const { fieldPath, field } = options.target;
  const maxMb = field.maxFileSizeMb ?? DEFAULT_MAX_FILE_MB;
  const limit = maxMb * 1024 * 1024;
  const tooLarge = () => refuse(413, fieldPath, `Поле «${field.title}»: файл больше ${maxMb} МБ`, 'maxFileSize');
  const formats = (field.formats ?? []).map(norm);

  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
    throw new HttpError(415, 'Файл передаётся телом multipart/form-data с частью file');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit + ENVELOPE) throw tooLarge();

  const parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 0, parts: 1, fileSize: limit, headerPairs: 20 } });
  const id = randomUUID();
  const writer = await options.engine.beginUpload(id);
  let scan: ScanSession | null = null;
  try {
    const received = await new Promise<Omit<UploadRecord, 'applicationId'>>((resolve, reject) => {
      let started = false;
      parser.on('file', (name, file, info) => {
        started = true;
        if (name !== 'file') return reject(new HttpError(400, 'Часть с файлом должна называться file'));
        const fileName = cutName(info.filename ?? '');
        const dot = fileName.lastIndexOf('.');
        const extension = dot > 0 ? norm(fileName.slice(dot + 1).toLowerCase()) : '';
        if (formats.length > 0 && !formats.includes(extension)) {
          return reject(refuse(422, fieldPath, `Поле «${field.title}»: допустимые форматы: ${(field.formats ?? []).join(', ')}`, 'format'));
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
            throw refuse(422, fieldPath, `Поле «${field.title}»: содержимое файла «${fileName}» не соответствует формату ${extension || 'без расширения'}`, 'format');
          }
          type = found.mime;
          if (options.scanner) scan = await options.scanner.start();
        };
        const forward = (chunk: Buffer, done: TransformCallback) => {
          if (!scan) return done(null, chunk);
          scan.write(chunk).then(() => done(null, chunk), done);
        };
        const check = new Transform({
          transform(chunk: Buffer, _enc, done: TransformCallback) {
            size += chunk.length;
            hash.update(chunk);
            if (head === null) return forward(chunk, done);
            head = Buffer.concat([head, chunk]);
            if (head.length < SNIFF_BYTES) return done();
            const all = head;
            sniff().then(() => forward(all, done), done);
          },
          flush(done: TransformCallback) {
            if (head === null) return done();
            const all = head;
            sniff().then(() => forward(all, done), done);
          },
        });
        file.on('limit', () => check.destroy(tooLarge()));
        pipeline(file, check, writer.out).then(
          () =>
            resolve({ id, owner: options.owner, region: options.target.region, service: options.target.service, form: options.target.form, field: fieldPath, name: fileName, type, size, sha256: hash.digest('hex'), createdAt: options.now.toISOString() }),
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
    const verdict = scan ? await (scan as ScanSession).end() : { clean: true as const };
    if (!verdict.clean) {
      throw refuse(422, fieldPath, `Поле «${field.title}»: в файле «${received.name}» найден вирус (${verdict.signature}); файл не принят`, 'virus');
    }
    const record: UploadRecord = { ...received, applicationId: null };
    await writer.commit(record);
    return record;
  } catch (e) {
    req.unpipe(parser);
    (scan as ScanSession | null)?.abort();
    await writer.abort();
    if (e instanceof ScanUnavailableError) {
      // The reason (clamd's address) is for the log, not the client.
      throw new HttpError(503, 'Проверка файлов на вирусы сейчас недоступна; попробуйте загрузить файл позже', { headers: { Connection: 'close' }, cause: e });
    }
    throw e;
  }
}

/** A file name cut to MAX_NAME characters, keeping its extension. */
function cutName(name: string): string {
  if (name.length <= MAX_NAME) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 11 ? name.slice(dot) : '';
  return name.slice(0, MAX_NAME - extension.length) + extension;
}
