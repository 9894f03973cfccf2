import { castVote, contestIn, REVIEW_NOW, voterWith } from '../../domain/held-vote.fixtures';
import { voterDecider } from '../../domain/voter.state';
import { decideHoldVoteForReview } from './hold-vote-for-review.decide';

const input = { voteId: 'v1', userId: 'u1', findingId: 'f1', reason: 'ip cluster' };

describe('holding a counted vote for review', () => {
  it('holds an accepted vote (it stops counting; credits and cap stay as they are)', () => {
    const voter = voterWith([castVote('v1', 'accepted', 2, 2, 8)]);
    const events = decideHoldVoteForReview(input, contestIn('open'), voter, REVIEW_NOW);
    expect(events).toEqual([{ type: 'VoteHeldForReview', data: expect.objectContaining({ voteId: 'v1', amount: 2, findingId: 'f1' }) }]);
    const after = events.reduce(voterDecider.evolve, voter);
    expect(after.votes.get('v1')?.status).toBe('held');
    expect(after.balance).toBe(8);
  });

  it('does nothing (no refusal: pattern actions are replayed) for a held vote, an unknown one, or a final tally', () => {
    const held = voterWith([castVote('v1', 'held', 2, 2, 8)]);
    expect(decideHoldVoteForReview(input, contestIn('open'), held, REVIEW_NOW)).toEqual([]);
    expect(decideHoldVoteForReview({ ...input, voteId: 'nope' }, contestIn('open'), held, REVIEW_NOW)).toEqual([]);
    const counted = voterWith([castVote('v1', 'accepted', 2, 2, 8)]);
    expect(decideHoldVoteForReview(input, contestIn('finalized'), counted, REVIEW_NOW)).toEqual([]);
  });
});
