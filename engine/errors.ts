/**
 * Errors the engine throws for expected failures. The server maps each class to one HTTP status;
 * anything else is a programmer error (500, never shown to a client).
 */
import type { FieldError, IdempotencyRecord } from './api.ts';

export class ReglamentError extends Error {
  override name = 'ReglamentError';
}

/** The submission or an event payload does not match its form (422). */
export class ValidationError extends ReglamentError {
  override name = 'ValidationError';
  constructor(readonly errors: readonly FieldError[], message = 'Данные не прошли проверку') {
    super(message);
  }
}

/** Someone else changed the application first (409). */
export class VersionConflictError extends ReglamentError {
  override name = 'VersionConflictError';
  /** `subject` names what changed in the message: an application by default, or e.g. a licence ("Лицензия"). */
  constructor(readonly id: string, readonly expected: number, readonly actual: number, subject = 'Заявление') {
    super(`${subject} ${id} уже изменено (ожидалась версия ${expected}, текущая ${actual}); обновите страницу`);
  }
}

/** The thing does not exist, or the actor may not know it exists (404). */
export class NotFoundError extends ReglamentError {
  override name = 'NotFoundError';
}

/** The actor's role may not do this (403). */
export class ForbiddenError extends ReglamentError {
  override name = 'ForbiddenError';
}

/** The event is not accepted in the application's current state, or no guarded transition applies (409). */
export class TransitionError extends ReglamentError {
  override name = 'TransitionError';
}

/**
 * A write names an upload that is gone (removed after its retention) or already filed with another
 * application. The engine turns it into a ValidationError on the field that refers to it.
 */
export class AttachmentError extends ReglamentError {
  override name = 'AttachmentError';
  constructor(readonly uploadId: string, readonly reason: 'missing' | 'taken') {
    super(reason === 'missing' ? `Файл ${uploadId} не найден` : `Файл ${uploadId} уже приложен к другому заявлению`);
  }
}

/**
 * The client's idempotency key was already used (by a request that was answered, or is being answered
 * in another process): nothing was written; `record` holds the first request's response.
 */
export class IdempotencyConflictError extends ReglamentError {
  override name = 'IdempotencyConflictError';
  constructor(readonly record: IdempotencyRecord) {
    super(`the idempotency key ${JSON.stringify(record.key)} was used already`);
  }
}

export const isReglamentError = (e: unknown): e is ReglamentError => e instanceof ReglamentError;
export const isValidationError = (e: unknown): e is ValidationError => e instanceof ValidationError;
export const isVersionConflictError = (e: unknown): e is VersionConflictError => e instanceof VersionConflictError;
