import { VotingError } from '../../voting.errors';
import { ContestStatus, ContestStatusChanged } from '../../domain/contest.events';
import { canMove, ContestState } from '../../domain/contest.state';

/** An organizer's move; an illegal one is 409. Asking for the current status changes nothing. */
export function decideChangeStatus(to: ContestStatus, state: ContestState, now: Date): ContestStatusChanged[] {
  if (!state.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
  if (state.status === to) return [];
  if (!canMove(state.status, to)) {
    throw new VotingError('VOTING.ILLEGAL_STATUS_TRANSITION', `An event cannot move from ${state.status} to ${to}`, { from: state.status, to });
  }
  return [{ type: 'ContestStatusChanged', data: { contestId: state.contestId, from: state.status, to, by: 'organizer', at: now.toISOString() } }];
}

/** The schedule: a scheduled event opens at its start date, an open one closes at its end date. */
export function decideScheduledMove(state: ContestState, now: Date): ContestStatusChanged[] {
  if (!state.exists) return [];
  const nowMs = now.getTime();
  let to: ContestStatus | undefined;
  if (state.status === 'scheduled' && nowMs >= state.startMs) to = nowMs >= state.endMs ? 'closed' : 'open';
  else if (state.status === 'open' && nowMs >= state.endMs) to = 'closed';
  if (!to) return [];
  const at = now.toISOString();
  // A scheduled event whose whole window passed opens and closes in one append, so the log
  // still shows the lifecycle in order.
  if (state.status === 'scheduled' && to === 'closed') {
    return [
      { type: 'ContestStatusChanged', data: { contestId: state.contestId, from: 'scheduled', to: 'open', by: 'schedule', at } },
      { type: 'ContestStatusChanged', data: { contestId: state.contestId, from: 'open', to: 'closed', by: 'schedule', at } },
    ];
  }
  return [{ type: 'ContestStatusChanged', data: { contestId: state.contestId, from: state.status, to, by: 'schedule', at } }];
}
