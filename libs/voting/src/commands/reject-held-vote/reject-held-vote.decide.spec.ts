import { castVote, REVIEW_NOW, voterWith } from '../../domain/held-vote.fixtures';
import { voterDecider } from '../../domain/voter.state';
import { decideRejectHeldVote } from './reject-held-vote.decide';

const input = { voteId: 'v1', userId: 'u1', reason: 'bot farm' };

describe('rejecting a held vote', () => {
  it('gives back the paid credits, the free votes of the day and the cap', () => {
    // 5 votes: 2 free, 3 paid from a balance of 10.
    const voter = voterWith([castVote('v1', 'held', 5, 3, 7)]);
    expect(voter.contestTotals.size).toBe(1);
    const events = decideRejectHeldVote(input, voter, REVIEW_NOW);
    expect(events).toEqual([
      {
        type: 'HeldVoteRejected',
        data: expect.objectContaining({ voteId: 'v1', amount: 5, freeReturned: 2, paidReturned: 3, balanceAfter: 10, reason: 'bot farm', day: '2026-03-01' }),
      },
    ]);
    const after = events.reduce(voterDecider.evolve, voter);
    expect(after.balance).toBe(10);
    expect(after.contestTotals.size).toBe(0);
    expect(after.freeUsed.size).toBe(0);
    expect(after.votes.get('v1')?.status).toBe('rejected');
  });

  it('refuses an accepted vote and a vote already rejected', () => {
    const voter = voterWith([castVote('v1', 'held', 2, 2, 8), castVote('v2', 'accepted', 1, 1, 7)]);
    const rejected = decideRejectHeldVote(input, voter, REVIEW_NOW).reduce(voterDecider.evolve, voter);
    expect(() => decideRejectHeldVote(input, rejected, REVIEW_NOW)).toThrow(expect.objectContaining({ code: 'VOTING.VOTE_ALREADY_DECIDED', details: expect.objectContaining({ status: 'rejected' }) }));
    expect(() => decideRejectHeldVote({ ...input, voteId: 'v2' }, voter, REVIEW_NOW)).toThrow(expect.objectContaining({ code: 'VOTING.VOTE_ALREADY_DECIDED' }));
  });
});
