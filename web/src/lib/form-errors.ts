import { pickLanguage } from './bilingual';
import type { Lang } from './format';

export interface FieldError<F extends string = string> {
  name: F;
  errors: string[];
}

/**
 * Turns the server's `details.fields` (`{phone: "中文 / English"}`) into what antd's
 * `form.setFields` takes, in the page's language. `rename` maps a body field to the form's
 * own field (`regionCode` → `regionPath`); fields the form does not have come back in `rest`.
 */
export function toFormFieldErrors<F extends string>(
  fields: Record<string, string>,
  lang: Lang,
  formFields: readonly F[],
  rename: Partial<Record<string, F>> = {},
): { fields: FieldError<F>[]; rest: string[] } {
  const out: FieldError<F>[] = [];
  const rest: string[] = [];
  const isFormField = (n: string): n is F => (formFields as readonly string[]).includes(n);
  for (const [key, message] of Object.entries(fields)) {
    const name = rename[key] ?? key;
    const text = pickLanguage(message, lang);
    if (isFormField(name)) {
      const existing = out.find((f) => f.name === name);
      if (existing) existing.errors.push(text);
      else out.push({ name, errors: [text] });
    } else {
      rest.push(text);
    }
  }
  return { fields: out, rest };
}
