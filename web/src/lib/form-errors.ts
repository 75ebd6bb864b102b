import { pickLanguage } from './bilingual';
import type { Lang } from './format';

export interface FieldError {
  name: string;
  errors: string[];
}

/**
 * Turns the server's `details.fields` (`{phone: "中文 / English"}`) into what antd's
 * `form.setFields` takes, in the page's language. `rename` maps a body field to the form's
 * own field (`regionCode` → `regionPath`); fields the form does not have come back in `rest`.
 */
export function toFormFieldErrors(
  fields: Record<string, string>,
  lang: Lang,
  formFields: readonly string[],
  rename: Record<string, string> = {},
): { fields: FieldError[]; rest: string[] } {
  const out: FieldError[] = [];
  const rest: string[] = [];
  for (const [key, message] of Object.entries(fields)) {
    const name = rename[key] ?? key;
    const text = pickLanguage(message, lang);
    if (formFields.includes(name)) {
      const existing = out.find((f) => f.name === name);
      if (existing) existing.errors.push(text);
      else out.push({ name, errors: [text] });
    } else {
      rest.push(text);
    }
  }
  return { fields: out, rest };
}
