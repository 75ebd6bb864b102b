import { ERROR_CODES, bilingual, type ErrorCode } from '@shared/errors';

/** The one error type of the server. Its code decides the HTTP status. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? bilingual(code));
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在 / ${what} not found`, { what });
export const forbidden = (why?: string) =>
  new AppError('FORBIDDEN', why ?? undefined, why ? { reason: why } : undefined);
export const invalidState = (msg: string, details?: Record<string, unknown>) => new AppError('INVALID_STATE', msg, details);
