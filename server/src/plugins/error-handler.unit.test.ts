import { describe, expect, it } from 'vitest';
import { validationBody } from './error-handler';

describe('validation errors', () => {
  it('names each field and picks the specific code when all bad fields share one', () => {
    const one = validationBody([{ instancePath: '/phone', message: 'bad', params: { params: { appCode: 'INVALID_PHONE' } } }], 'body');
    expect(one.error.code).toBe('INVALID_PHONE');
    expect(one.error.details).toEqual({ fields: { phone: 'bad' }, in: 'body' });
    const two = validationBody(
      [
        { instancePath: '/phone', message: 'bad', params: { params: { appCode: 'INVALID_PHONE' } } },
        { instancePath: '/name', message: 'short' },
      ],
      'body',
    );
    expect(two.error.code).toBe('VALIDATION_FAILED');
    expect(two.error.message).toBe('输入有误，请检查标出的字段 / Some fields are invalid');
  });
});
