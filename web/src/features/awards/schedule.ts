import type { Campaign } from './api';

const MINUTE = 60_000;

/**
 * The windows moved so that a step happens now: nominations close and the vote opens, or the vote
 * closes. Earlier windows are pulled back just enough to stay in order.
 */
export function scheduleNow(c: Pick<Campaign, 'nominationOpensAt' | 'nominationClosesAt' | 'votingOpensAt' | 'votingClosesAt'>, step: 'openVoting' | 'closeVoting', now = Date.now()) {
  const ms = (s: string) => new Date(s).getTime();
  let votingClosesAt = ms(c.votingClosesAt);
  let votingOpensAt = ms(c.votingOpensAt);
  if (step === 'openVoting') {
    votingOpensAt = now;
    votingClosesAt = Math.max(votingClosesAt, now + MINUTE);
  } else {
    votingClosesAt = now;
    votingOpensAt = Math.min(votingOpensAt, now - 1000);
  }
  const nominationClosesAt = Math.min(ms(c.nominationClosesAt), votingOpensAt);
  const nominationOpensAt = Math.min(ms(c.nominationOpensAt), nominationClosesAt - 1000);
  const iso = (n: number) => new Date(n).toISOString();
  return { nominationOpensAt: iso(nominationOpensAt), nominationClosesAt: iso(nominationClosesAt), votingOpensAt: iso(votingOpensAt), votingClosesAt: iso(votingClosesAt) };
}
