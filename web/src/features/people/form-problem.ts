import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';
import { describeError } from '../../api/error-text';
import { toFormFieldErrors } from '../../lib/form-errors';
import type { Lang } from '../../lib/format';

/**
 * After a refused submit: puts the server's `details.fields` next to the form's own fields
 * (keeping every typed value) and answers the words to show above the form, or null.
 */
export function showFormProblem<F extends string>(
  form: FormInstance,
  err: unknown,
  t: TFunction,
  lang: Lang,
  formFields: readonly F[],
  rename: Partial<Record<string, F>> = {},
): string {
  const general = describeError(err, t, lang);
  if (isApiError(err)) {
    const { fields, rest } = toFormFieldErrors(err.fields, lang, formFields, rename);
    if (fields.length > 0) {
      form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
      return [t('people.common.fixFields'), ...rest].join(' ');
    }
    if (rest.length > 0) return [general.title, ...rest].join('：');
  }
  return general.hint ? `${general.title}：${general.hint}` : general.title;
}
