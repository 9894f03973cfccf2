import { FavouriteRankChanged } from '../../domain/push.events';
import { PushState } from '../../domain/push.state';
import { NoteRankChangeInput } from './note-rank-change.command';

/** A rank notice goes on the voter's stream only while they have a device and have not muted rank changes. */
export function decideNoteRankChange(input: NoteRankChangeInput, state: PushState, now: Date): FavouriteRankChanged[] {
  if (state.devices.size === 0 || state.muted.includes('rank-changed')) return [];
  const { noticeId, ...data } = input;
  return [{ id: noticeId, type: 'FavouriteRankChanged', data: { ...data, at: now.toISOString() } }];
}
