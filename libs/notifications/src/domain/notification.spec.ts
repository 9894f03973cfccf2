import { composeMessage } from './notification';
import { notificationOf } from './notification-of';

const at = new Date('2026-03-01T12:00:00.000Z');
const contestId = '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60';

describe('notificationOf', () => {
  it('turns an opening and a close into a notification for the event, keyed by the event id', () => {
    const opened = notificationOf({ id: 'e1', type: 'ContestStatusChanged', data: { contestId, from: 'draft', to: 'open', at: at.toISOString() }, createdAt: at });
    expect(opened).toEqual({ notificationId: 'e1', kind: 'contest-opened', audience: { contestId }, contestId, at: at.toISOString() });
    expect(notificationOf({ id: 'e2', type: 'ContestStatusChanged', data: { contestId, from: 'open', to: 'closed', at: at.toISOString() }, createdAt: at })?.kind).toBe('contest-closed');
  });

  it('ignores other status changes and unrelated events', () => {
    expect(notificationOf({ id: 'e3', type: 'ContestStatusChanged', data: { contestId, from: 'closed', to: 'finalized', at: at.toISOString() }, createdAt: at })).toBeNull();
    expect(notificationOf({ id: 'e4', type: 'VoteCast', data: {}, createdAt: at })).toBeNull();
  });

  it('addresses a review decision to the vote’s voter', () => {
    const data = { voteId: 'v1', userId: 'u1', contestId, contestantId: 'c1', categoryId: null, amount: 3, reason: 'ok', at: at.toISOString() };
    expect(notificationOf({ id: 'e5', type: 'HeldVoteReleased', data, createdAt: at })).toMatchObject({ kind: 'vote-released', audience: { userId: 'u1' }, vote: { voteId: 'v1', amount: 3 } });
    expect(notificationOf({ id: 'e6', type: 'HeldVoteRejected', data, createdAt: at })?.kind).toBe('vote-rejected');
  });

  it('makes the closing-soon notice a notification for the event', () => {
    expect(notificationOf({ id: 'e7', type: 'ContestClosingSoon', data: { contestId, name: 'Finals', endDate: at.toISOString(), at: at.toISOString() }, createdAt: at })).toMatchObject({ kind: 'contest-closing', audience: { contestId } });
  });
});

describe('composeMessage', () => {
  it('names the event and carries flat string data', () => {
    const message = composeMessage({ notificationId: 'n1', kind: 'vote-rejected', audience: { userId: 'u1' }, contestId, vote: { voteId: 'v1', amount: 1 }, at: at.toISOString() }, 'Finals');
    expect(message).toEqual({
      notificationId: 'n1',
      kind: 'vote-rejected',
      title: 'Your vote was not counted',
      body: 'Your 1 vote in Finals did not pass review; what you spent on them was returned.',
      data: { notificationId: 'n1', kind: 'vote-rejected', eventId: contestId, at: at.toISOString(), voteId: 'v1' },
    });
    expect(composeMessage({ notificationId: 'n2', kind: 'contest-closed', audience: { contestId }, contestId, at: at.toISOString() }, 'Finals').title).toBe('Finals has closed');
  });
});
