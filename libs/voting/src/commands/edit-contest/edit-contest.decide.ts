import { VotingError } from '../../voting.errors';
import { ContestEdited } from '../../domain/contest.events';
import { ContestState } from '../../domain/contest.state';
import { assertValidContest } from '../create-contest/create-contest.decide';
import { EditContestInput } from './edit-contest.command';

/**
 * Before opening everything may change. Once open, voters rely on the rules: only the name,
 * a later end date and a higher cap are accepted. Closed, finalized or cancelled events are frozen.
 */
export function decideEditContest(input: EditContestInput, state: ContestState, now: Date): ContestEdited[] {
  if (!state.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
  const { contestId: _id, ...changes } = input;
  if (state.status === 'open') {
    const forbidden = [changes.startDate !== undefined && 'startDate', changes.settings !== undefined && 'settings'].filter(Boolean);
    if (forbidden.length > 0) throw new VotingError('VOTING.EVENT_NOT_EDITABLE', `An open event cannot change ${forbidden.join(', ')}`);
    if (changes.voteCap !== undefined && changes.voteCap < state.voteCap) throw new VotingError('VOTING.EVENT_NOT_EDITABLE', 'An open event cannot lower its vote cap');
    if (changes.endDate !== undefined && Date.parse(changes.endDate) <= now.getTime()) throw new VotingError('VOTING.EVENT_NOT_EDITABLE', 'An open event cannot end in the past');
  } else if (state.status !== 'draft' && state.status !== 'scheduled') {
    throw new VotingError('VOTING.EVENT_NOT_EDITABLE', `A ${state.status} event cannot be edited`);
  }
  const next = {
    name: changes.name ?? state.name,
    startDate: changes.startDate ?? state.startDate,
    endDate: changes.endDate ?? state.endDate,
    voteCap: changes.voteCap ?? state.voteCap,
    settings: { ...state.settings, ...changes.settings },
  };
  assertValidContest(next);
  return [
    {
      type: 'ContestEdited',
      data: {
        contestId: state.contestId,
        ...(changes.name !== undefined && { name: changes.name.trim() }),
        ...(changes.startDate !== undefined && { startDate: new Date(changes.startDate).toISOString() }),
        ...(changes.endDate !== undefined && { endDate: new Date(changes.endDate).toISOString() }),
        ...(changes.voteCap !== undefined && { voteCap: changes.voteCap }),
        ...(changes.settings !== undefined && { settings: changes.settings }),
        at: now.toISOString(),
      },
    },
  ];
}
