import { ContestClosingSoon } from '../../domain/push.events';
import { ContestNoticeState } from '../../domain/contest-notice.state';
import { NoteContestClosingInput } from './note-contest-closing.command';

/** One closing-soon notice per end date: the job runs every minute, the voters hear it once; an event moved later gets another. */
export function decideNoteContestClosing(input: NoteContestClosingInput, state: ContestNoticeState, now: Date): ContestClosingSoon[] {
  const endDate = new Date(input.endDate).toISOString();
  if (state.closingNoticedFor.includes(endDate)) return [];
  return [{ type: 'ContestClosingSoon', data: { contestId: input.contestId, name: input.name, endDate, at: now.toISOString() } }];
}
