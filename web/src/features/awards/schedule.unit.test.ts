import { describe, expect, it } from 'vitest';
import { CampaignScheduleBody } from '@shared/schemas/awards';
import { scheduleNow } from './schedule';

const planned = {
  nominationOpensAt: '2026-12-02T08:00:00.000Z',
  nominationClosesAt: '2026-12-16T08:00:00.000Z',
  votingOpensAt: '2026-12-23T08:00:00.000Z',
  votingClosesAt: '2026-12-30T08:00:00.000Z',
};
const NOW = new Date('2026-12-02T09:00:00.000Z').getTime();

describe('moving a campaign’s windows to now', () => {
  it('closes the nominations and opens the vote now, keeping the vote’s end', () => {
    const s = scheduleNow(planned, 'openVoting', NOW);
    expect(s).toEqual({ nominationOpensAt: planned.nominationOpensAt, nominationClosesAt: '2026-12-02T09:00:00.000Z', votingOpensAt: '2026-12-02T09:00:00.000Z', votingClosesAt: planned.votingClosesAt });
    expect(CampaignScheduleBody.safeParse(s).success).toBe(true);
  });

  it('closes the vote now, pulling earlier windows back just enough to stay in order', () => {
    const s = scheduleNow(planned, 'closeVoting', NOW);
    expect(s.votingClosesAt).toBe('2026-12-02T09:00:00.000Z');
    expect(s.votingOpensAt).toBe('2026-12-02T08:59:59.000Z');
    expect(s.nominationClosesAt).toBe('2026-12-02T08:59:59.000Z');
    expect(s.nominationOpensAt).toBe(planned.nominationOpensAt);
    expect(CampaignScheduleBody.safeParse(s).success).toBe(true);
  });

  it('opens a vote that had already closed again for at least a minute', () => {
    const past = { ...planned, votingOpensAt: '2026-12-01T00:00:00.000Z', votingClosesAt: '2026-12-02T00:00:00.000Z', nominationClosesAt: '2026-12-01T00:00:00.000Z', nominationOpensAt: '2026-11-20T00:00:00.000Z' };
    const s = scheduleNow(past, 'openVoting', NOW);
    expect(new Date(s.votingClosesAt).getTime() - NOW).toBe(60_000);
    expect(CampaignScheduleBody.safeParse(s).success).toBe(true);
  });
});
