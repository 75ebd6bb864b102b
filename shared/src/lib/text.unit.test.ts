import { describe, expect, it } from 'vitest';
import { isWellFormedText, textProblem } from './text';

describe('text that can be stored and hashed', () => {
  it('accepts Chinese, emoji (a surrogate pair) and U+FFFD itself', () => {
    expect(isWellFormedText('爱心 🙂 \uFFFD')).toBe(true);
    expect(textProblem('捐给公益池 🧡')).toBeNull();
  });
  it('refuses a lone high or low surrogate anywhere', () => {
    expect(isWellFormedText('a\uD800')).toBe(false);
    expect(isWellFormedText('\uDC00b')).toBe(false);
    expect(isWellFormedText('\uDFFF\uD800')).toBe(false);
    expect(textProblem('memo \uD83D')).toBe('lone_surrogate');
  });
  it('refuses NUL', () => {
    expect(textProblem('a\u0000b')).toBe('nul');
  });
});
