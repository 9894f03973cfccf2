import { ReceiptsAnchored } from '../../domain/push.events';
import { PushState } from '../../domain/push.state';
import { NoteReceiptsAnchoredInput } from './note-receipts-anchored.command';

/**
 * One notice per anchor for a voter, and only for news: receipts the voter has not been told are
 * anchored yet (an anchor covers the whole log before it, so the daily anchor after a close covers
 * the same votes again and says nothing). Rate limited per voter like rank changes: inside
 * `quietMs` of the last notice, nothing is noted and nothing is lost — what was told is
 * unchanged, so the next anchor of the event after the quiet time tells all of it.
 */
export function decideNoteReceiptsAnchored(input: NoteReceiptsAnchoredInput, state: PushState, now: Date, quietMs: number): ReceiptsAnchored[] {
  if (state.devices.size === 0 || state.muted.includes('receipt-anchored')) return [];
  const told = state.anchored.get(input.contestId);
  if (told && told.lastLeafIndex >= input.covered.lastLeafIndex) return [];
  if (state.lastAnchoredNoticeAt !== null && now.getTime() - new Date(state.lastAnchoredNoticeAt).getTime() < quietMs) return [];
  const { covered, noticeId, ...anchor } = input;
  return [
    {
      id: noticeId,
      type: 'ReceiptsAnchored',
      data: { ...anchor, lastLeafIndex: covered.lastLeafIndex, votes: covered.votes - (told?.votes ?? 0), totalVotes: covered.votes, voteId: covered.lastVoteId, at: now.toISOString() },
    },
  ];
}
