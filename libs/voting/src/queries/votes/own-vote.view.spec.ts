import { initialVoterState, VoteRecord, VoterState } from '../../domain/voter.state';
import { ownVoteView, VotePage, withOwnUnprojectedVotes } from './own-vote.view';

const TENANT = '0190a6f0-0000-7000-8000-000000000000';
const USER = '0190a6f0-0000-7000-8000-0000000000aa';
const id = (n: number): string => `0190a6f1-0000-7000-8000-${String(n).padStart(12, '0')}`;

function record(n: number): VoteRecord {
  return { voteId: id(n), contestId: TENANT, contestantId: USER, categoryId: null, amount: n, freeUsed: 0, paidUsed: n, day: '2026-03-01', status: 'accepted', castAt: `2026-03-01T12:00:0${n}.000Z` };
}

function stateWith(...votes: number[]): VoterState {
  const state = initialVoterState();
  return { ...state, votes: votes.reduce((map, n) => map.with(id(n), record(n)), state.votes) };
}

const projected = (state: VoterState, ...votes: number[]): VotePage => ({ items: votes.map((n) => ownVoteView(state, TENANT, USER, id(n))!), nextCursor: null });

describe('withOwnUnprojectedVotes', () => {
  it('puts the votes newer than the read model\'s newest in front, newest first', () => {
    const state = stateWith(1, 2, 3, 4);
    const page = withOwnUnprojectedVotes(projected(state, 2, 1), state, TENANT, USER, 10);
    expect(page.items.map((vote) => vote.amount)).toEqual([4, 3, 2, 1]);
    expect(page.items[0]).toMatchObject({ voteId: id(4), voteType: 'paid', createdAt: '2026-03-01T12:00:04.000Z', refundedAt: null });
    expect(page.nextCursor).toBeNull();
  });

  it('takes every vote of the stream when the read model has none, and leaves a complete page alone', () => {
    const state = stateWith(1, 2);
    expect(withOwnUnprojectedVotes({ items: [], nextCursor: null }, state, TENANT, USER, 10).items.map((vote) => vote.amount)).toEqual([2, 1]);
    const complete = projected(state, 2, 1);
    expect(withOwnUnprojectedVotes(complete, state, TENANT, USER, 10)).toBe(complete);
  });

  it('keeps the page at its limit, the cursor at the last vote kept', () => {
    const state = stateWith(1, 2, 3);
    const page = withOwnUnprojectedVotes(projected(state, 1), state, TENANT, USER, 2);
    expect(page.items.map((vote) => vote.amount)).toEqual([3, 2]);
    expect(page.nextCursor).toBe(id(2));
  });
});
