import { describe, expect, it } from 'vitest';
import { isReviewable, joinState, stateActions } from './org-status';

describe('organisation status rules', () => {
  it('offers suspend/dissolve for active, reinstate/dissolve for suspended, nothing otherwise', () => {
    expect(stateActions('active')).toEqual(['suspend', 'dissolve']);
    expect(stateActions('suspended')).toEqual(['reinstate', 'dissolve']);
    expect(stateActions('pending')).toEqual([]);
    expect(stateActions('dissolved')).toEqual([]);
  });
  it('reviews only pending organisations', () => {
    expect(isReviewable('pending')).toBe(true);
    expect(isReviewable('changes_requested')).toBe(false);
  });
  it('tells where a person stands with an organisation', () => {
    const ms = [
      { orgId: 'a', status: 'left' as const },
      { orgId: 'a', status: 'requested' as const },
      { orgId: 'b', status: 'active' as const },
      { orgId: 'c', status: 'rejected' as const },
    ];
    expect(joinState(ms, 'a')).toBe('requested');
    expect(joinState(ms, 'b')).toBe('active');
    expect(joinState(ms, 'c')).toBe('none');
    expect(joinState(ms, 'x')).toBe('none');
  });
});
