import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/error-text';
import { toFormFieldErrors } from '../../lib/form-errors';
import type { Lang } from '../../lib/format';
import { formatAmount } from './format';

/**
 * Why a transfer or donation was refused, in plain words: the codes the ledger answers
 * (RELATION_NOT_VERIFIED, INSUFFICIENT_BALANCE, the yearly limit, …) get their own sentences;
 * anything else the general words for its code.
 */
export function ledgerRefusal(err: unknown, t: TFunction, lang: Lang, ctx: { ledger: 'points' | 'time'; amount: number; available?: number }): string {
  if (isApiError(err)) {
    if (err.code === 'RELATION_NOT_VERIFIED') return t('ledger.refusal.notVerified');
    if (err.code === 'INSUFFICIENT_BALANCE') {
      return ctx.available === undefined
        ? t('ledger.refusal.insufficientPlain')
        : t('ledger.refusal.insufficient', { available: formatAmount(ctx.ledger, ctx.available, lang), amount: formatAmount(ctx.ledger, ctx.amount, lang) });
    }
    if (err.code === 'INVALID_STATE') {
      const { limitMinutes, givenMinutes } = err.details;
      if (typeof limitMinutes === 'number' && typeof givenMinutes === 'number') {
        return t('ledger.refusal.yearLimit', { limit: formatAmount('time', limitMinutes, lang), given: formatAmount('time', givenMinutes, lang) });
      }
      if (/family|亲属/i.test(err.message)) return t('ledger.refusal.notOpen');
    }
    if (err.code === 'CONFLICT') return t('ledger.refusal.conflict');
  }
  const d = describeError(err, t, lang);
  return d.hint ? `${d.title}：${d.hint}` : d.title;
}

/**
 * After a refused form: the server's `details.fields` go next to the form's fields (typed values
 * stay); answers the words for above the form.
 */
export function showFieldProblems<F extends string>(form: FormInstance, err: unknown, t: TFunction, lang: Lang, formFields: readonly F[], rename: Partial<Record<string, F>> = {}): string | null {
  if (!isApiError(err)) return null;
  const { fields, rest } = toFormFieldErrors(err.fields, lang, formFields, rename);
  if (fields.length === 0) return null;
  form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
  return [t('ledger.common.fixFields'), ...rest].join(' ');
}
