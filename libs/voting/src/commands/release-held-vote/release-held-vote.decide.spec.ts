import { DomainError } from '@tally/platform';
import { castVote, contestIn, REVIEW_NOW, voterWith } from '../../domain/held-vote.fixtures';
import { voterDecider } from '../../domain/voter.state';
import { decideReleaseHeldVote } from './release-held-vote.decide';

const input = { voteId: 'v1', userId: 'u1', reason: 'reviewed: genuine fan' };

describe('releasing a held vote', () => {
  it('releases a held vote without moving credits or the cap', () => {
    const voter = voterWith([castVote('v1', 'held', 3, 3, 7)]);
    const events = decideReleaseHeldVote(input, contestIn('open'), voter, REVIEW_NOW);
    expect(events).toEqual([
      { type: 'HeldVoteReleased', data: { voteId: 'v1', userId: 'u1', contestId: expect.any(String), contestantId: 'c1', categoryId: null, amount: 3, reason: input.reason, at: REVIEW_NOW.toISOString() } },
    ]);
    const after = events.reduce(voterDecider.evolve, voter);
    expect(after.votes.get('v1')?.status).toBe('accepted');
    expect(after.balance).toBe(7);
    expect(after.contestTotals).toEqual(voter.contestTotals);
  });

  it('refuses a vote that is not held, or already decided (so a second release appends nothing)', () => {
    const voter = voterWith([castVote('v1', 'held', 3, 3, 7), castVote('v2', 'accepted', 1, 1, 6)]);
    const released = decideReleaseHeldVote(input, contestIn('open'), voter, REVIEW_NOW).reduce(voterDecider.evolve, voter);
    expect(() => decideReleaseHeldVote(input, contestIn('open'), released, REVIEW_NOW)).toThrow(expect.objectContaining({ code: 'VOTING.VOTE_ALREADY_DECIDED' }));
    expect(() => decideReleaseHeldVote({ ...input, voteId: 'v2' }, contestIn('open'), voter, REVIEW_NOW)).toThrow(DomainError);
    expect(() => decideReleaseHeldVote({ ...input, voteId: 'nope' }, contestIn('open'), voter, REVIEW_NOW)).toThrow(expect.objectContaining({ code: 'VOTING.VOTE_NOT_FOUND' }));
  });

  it('refuses once the tally is final, and allows it after the close (the count is not final yet)', () => {
    const voter = voterWith([castVote('v1', 'held', 3, 3, 7)]);
    expect(() => decideReleaseHeldVote(input, contestIn('finalized'), voter, REVIEW_NOW)).toThrow(expect.objectContaining({ code: 'VOTING.TALLY_FINAL' }));
    expect(decideReleaseHeldVote(input, contestIn('closed'), voter, REVIEW_NOW)).toHaveLength(1);
  });
});
