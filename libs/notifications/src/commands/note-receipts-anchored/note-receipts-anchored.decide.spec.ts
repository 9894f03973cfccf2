import { PushEvent } from '../../domain/push.events';
import { pushDecider, PushState } from '../../domain/push.state';
import { NoteReceiptsAnchoredInput } from './note-receipts-anchored.command';
import { decideNoteReceiptsAnchored } from './note-receipts-anchored.decide';

const now = new Date('2026-03-01T12:00:00.000Z');
const QUIET = 60 * 60_000;
const contestId = '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60';
const withDevice = pushDecider.evolve(pushDecider.initialState(), {
  type: 'PushDeviceSubscribed',
  data: { userId: 'u1', deviceId: 'd1', address: { transport: 'fcm', token: 't' }, label: null, at: now.toISOString() },
});
const anchor = (anchorId: string, treeSize: number, votes: number, lastLeafIndex: number): NoteReceiptsAnchoredInput => ({
  userId: 'u1',
  contestId,
  anchorId,
  treeSize,
  chain: 'sepolia',
  txHash: '0xabc',
  covered: { votes, lastLeafIndex, lastVoteId: `vote-${lastLeafIndex}` },
  noticeId: `notice-${anchorId}`,
});
const after = (state: PushState, events: PushEvent[]): PushState => events.reduce(pushDecider.evolve, state);
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

describe('decideNoteReceiptsAnchored', () => {
  it('tells a voter with a device once per anchor, naming the newest receipt and how many votes', () => {
    const events = decideNoteReceiptsAnchored(anchor('a1', 10, 3, 7), withDevice, now, QUIET);
    expect(events).toEqual([
      {
        id: 'notice-a1',
        type: 'ReceiptsAnchored',
        data: { userId: 'u1', contestId, anchorId: 'a1', treeSize: 10, chain: 'sepolia', txHash: '0xabc', lastLeafIndex: 7, votes: 3, totalVotes: 3, voteId: 'vote-7', at: now.toISOString() },
      },
    ]);
    // The same anchor again (a replay), or a later anchor covering no newer vote of theirs: nothing.
    const told = after(withDevice, events);
    expect(decideNoteReceiptsAnchored(anchor('a1', 10, 3, 7), told, minutes(120), QUIET)).toEqual([]);
    expect(decideNoteReceiptsAnchored(anchor('a2', 15, 3, 7), told, minutes(120), QUIET)).toEqual([]);
  });

  it('holds back a second notice inside the quiet time and tells all of it at the next anchor after it', () => {
    const told = after(withDevice, decideNoteReceiptsAnchored(anchor('a1', 10, 3, 7), withDevice, now, QUIET));
    expect(decideNoteReceiptsAnchored(anchor('a2', 20, 5, 18), told, minutes(59), QUIET)).toEqual([]);
    const later = decideNoteReceiptsAnchored(anchor('a3', 30, 6, 25), told, minutes(61), QUIET);
    expect(later).toHaveLength(1);
    expect(later[0].data).toMatchObject({ anchorId: 'a3', votes: 3, totalVotes: 6, voteId: 'vote-25', lastLeafIndex: 25 });
  });

  it('the quiet time is per voter across events', () => {
    const told = after(withDevice, decideNoteReceiptsAnchored(anchor('a1', 10, 3, 7), withDevice, now, QUIET));
    expect(decideNoteReceiptsAnchored({ ...anchor('b1', 4, 1, 2), contestId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61' }, told, minutes(10), QUIET)).toEqual([]);
    expect(decideNoteReceiptsAnchored({ ...anchor('b1', 4, 1, 2), contestId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61' }, told, minutes(60), QUIET)).toHaveLength(1);
  });

  it('notes nothing for a voter with no device or who muted receipt-anchored', () => {
    expect(decideNoteReceiptsAnchored(anchor('a1', 10, 3, 7), pushDecider.initialState(), now, QUIET)).toEqual([]);
    const muted = pushDecider.evolve(withDevice, { type: 'NotificationPreferencesSet', data: { userId: 'u1', muted: ['receipt-anchored'], follows: [], at: now.toISOString() } });
    expect(decideNoteReceiptsAnchored(anchor('a1', 10, 3, 7), muted, now, QUIET)).toEqual([]);
  });
});
