import type { FormRule } from 'antd';
import type { ZodType } from 'zod';

/**
 * An antd Form rule that runs one of the shared zod schemas — the same check the server
 * makes — and shows `message` (in the page's language) when it fails. An empty value is
 * left to the field's `required` rule.
 */
export function zodRule(schema: ZodType, message: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}
