import type { TFunction } from 'i18next';
import { ERROR_CODES, bilingual, type ErrorCode } from '@shared/errors';
import { pickLanguage } from '../lib/bilingual';
import type { Lang } from '../lib/format';
import { ApiError, type ClientErrorCode } from './client';

const KNOWN = new Set<string>([...Object.keys(ERROR_CODES), 'NETWORK', 'BAD_RESPONSE']);
const HINTED = new Set<string>(['NETWORK', 'BAD_RESPONSE', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

/** `30 秒` / `2 分钟`. */
export function durationText(t: TFunction, seconds: number): string {
  return seconds < 60 ? t('duration.seconds', { n: Math.max(1, Math.ceil(seconds)) }) : t('duration.minutes', { n: Math.ceil(seconds / 60) });
}

/** What went wrong, in plain words of the page's language, and what to do about it. */
export function describeError(err: unknown, t: TFunction, lang: Lang): { title: string; hint: string | null; code: ClientErrorCode | null } {
  if (!(err instanceof ApiError)) {
    return { title: t('errors.INTERNAL'), hint: null, code: null };
  }
  const title = KNOWN.has(err.code) ? t(`errors.${err.code}`) : pickLanguage(err.message, lang);
  let hint: string | null = null;
  if (err.code === 'RATE_LIMITED' && typeof err.details.retryAfterSeconds === 'number') {
    hint = t('state.retryIn', { time: durationText(t, err.details.retryAfterSeconds) });
  } else if (HINTED.has(err.code)) {
    hint = t(`errorHints.${err.code as 'NETWORK'}`);
  } else if (err.code in ERROR_CODES && err.message && err.message !== bilingual(err.code as ErrorCode)) {
    // the server said something more specific than the code's words
    const specific = pickLanguage(err.message, lang);
    if (specific && specific !== title) hint = specific;
  }
  return { title, hint, code: err.code };
}

/** The error as one line: `title：hint` (a form's alert, a toast). */
export function errorLine(err: unknown, t: TFunction, lang: Lang): string {
  const d = describeError(err, t, lang);
  return d.hint ? `${d.title}：${d.hint}` : d.title;
}
