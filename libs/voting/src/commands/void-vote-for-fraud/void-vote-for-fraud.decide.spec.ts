import { castVote, contestIn, REVIEW_NOW, voterWith } from '../../domain/held-vote.fixtures';
import { voterDecider } from '../../domain/voter.state';
import { decideVoidVoteForFraud } from './void-vote-for-fraud.decide';

const input = { voteId: 'v1', userId: 'u1', findingId: 'f1', reason: 'metronomic ip cluster' };

describe('voiding a vote for fraud after the fact', () => {
  it('voids a counted vote with reason fraud, giving back its paid credits and its cap', () => {
    const voter = voterWith([castVote('v1', 'accepted', 4, 3, 7)]);
    const events = decideVoidVoteForFraud(input, contestIn('open'), voter, REVIEW_NOW);
    expect(events).toEqual([
      {
        type: 'VoteVoided',
        data: expect.objectContaining({ voteId: 'v1', reason: 'fraud', findingId: 'f1', revokeId: null, wasCounted: true, paidRecovered: 0, paidReturned: 3, balanceAfter: 10 }),
      },
    ]);
    const after = events.reduce(voterDecider.evolve, voter);
    expect(after.votes.get('v1')?.status).toBe('voided');
    expect(after.contestTotals.size).toBe(0);
  });

  it('voids a held vote as not counted, and does nothing the second time', () => {
    const voter = voterWith([castVote('v1', 'held', 1, 1, 9)]);
    const events = decideVoidVoteForFraud(input, contestIn('closed'), voter, REVIEW_NOW);
    expect(events[0].data.wasCounted).toBe(false);
    expect(decideVoidVoteForFraud(input, contestIn('closed'), events.reduce(voterDecider.evolve, voter), REVIEW_NOW)).toEqual([]);
    expect(decideVoidVoteForFraud(input, contestIn('cancelled'), voter, REVIEW_NOW)).toEqual([]);
  });
});
