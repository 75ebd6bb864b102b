import { describe, expect, it } from 'vitest';
import { toFormFieldErrors } from './form-errors';

describe('toFormFieldErrors', () => {
  const fields = {
    phone: '手机号应为11位，以1开头 / An 11-digit mobile number starting with 1',
    userId: '未找到 / Not found',
    consentVersion: 'too long',
  };
  it('maps the server fields onto the form fields in the page language', () => {
    const r = toFormFieldErrors(fields, 'zh-CN', ['phone', 'person'], { userId: 'person' });
    expect(r.fields).toEqual([
      { name: 'phone', errors: ['手机号应为11位，以1开头'] },
      { name: 'person', errors: ['未找到'] },
    ]);
    expect(r.rest).toEqual(['too long']);
  });
  it('answers English when the page is in English', () => {
    const r = toFormFieldErrors({ phone: fields.phone }, 'en', ['phone']);
    expect(r.fields[0]?.errors).toEqual(['An 11-digit mobile number starting with 1']);
  });
});
