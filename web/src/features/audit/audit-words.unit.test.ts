import { describe, expect, it } from 'vitest';
import { auditSentence } from './audit-words';

describe('audit sentences', () => {
  it('say who did what to which named object, in the page language', () => {
    const e = { actorName: '王建国', action: 'activity.review.approve', objectType: 'activity', objectName: '文明交通劝导' };
    expect(auditSentence(e, 'zh-CN')).toBe('王建国 审核通过了 活动「文明交通劝导」');
    expect(auditSentence(e, 'en')).toBe('王建国 approved activity “文明交通劝导”');
  });

  it('never show a code: an unknown action or kind reads in plain words, the system by name', () => {
    const s = auditSentence({ actorName: null, action: 'x.y.z', objectType: 'thing', objectName: null, onBehalfOfName: '孙木林' }, 'zh-CN');
    expect(s).toBe('系统 更改了 记录（代 孙木林）');
    expect(s).not.toMatch(/[a-z_]{2,}/);
  });
});
