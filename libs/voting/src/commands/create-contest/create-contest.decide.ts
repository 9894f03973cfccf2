import { VotingError } from '../../voting.errors';
import { ContestCreated, ContestSettings, SPENDING_SOURCES } from '../../domain/contest.events';
import { ContestState, DEFAULT_CONTEST_SETTINGS } from '../../domain/contest.state';
import { CreateContestInput } from './create-contest.command';

export function decideCreateContest(input: CreateContestInput, contestId: string, state: ContestState, now: Date): ContestCreated[] {
  if (state.exists) throw new VotingError('VOTING.EVENT_NOT_EDITABLE', 'This event already exists');
  const settings: ContestSettings = { ...DEFAULT_CONTEST_SETTINGS, ...input.settings };
  assertValidContest({ name: input.name, startDate: input.startDate, endDate: input.endDate, voteCap: input.voteCap, settings });
  return [
    {
      type: 'ContestCreated',
      data: {
        contestId,
        name: input.name.trim(),
        startDate: new Date(input.startDate).toISOString(),
        endDate: new Date(input.endDate).toISOString(),
        voteCap: input.voteCap,
        currency: (input.currency ?? 'USD').toUpperCase(),
        settings,
        createdAt: now.toISOString(),
      },
    },
  ];
}

/** The rules every version of an event's settings obeys (on create and on edit). */
export function assertValidContest(contest: { name: string; startDate: string; endDate: string; voteCap: number; settings: ContestSettings }): void {
  const problems: { field: string; message: string }[] = [];
  if (contest.name.trim().length === 0) problems.push({ field: 'name', message: 'must not be empty' });
  const start = Date.parse(contest.startDate);
  const end = Date.parse(contest.endDate);
  if (Number.isNaN(start)) problems.push({ field: 'startDate', message: 'must be an ISO-8601 date' });
  if (Number.isNaN(end)) problems.push({ field: 'endDate', message: 'must be an ISO-8601 date' });
  if (!Number.isNaN(start) && !Number.isNaN(end) && end <= start) problems.push({ field: 'endDate', message: 'must be after startDate' });
  if (!Number.isSafeInteger(contest.voteCap) || contest.voteCap < 1) problems.push({ field: 'voteCap', message: 'must be a whole number of at least 1' });
  const s = contest.settings;
  if (!Number.isSafeInteger(s.freeVotesPerDay) || s.freeVotesPerDay < 0) problems.push({ field: 'settings.freeVotesPerDay', message: 'must be a whole number of at least 0' });
  if (!Number.isSafeInteger(s.maxVotesPerRequest) || s.maxVotesPerRequest < 1) problems.push({ field: 'settings.maxVotesPerRequest', message: 'must be a whole number of at least 1' });
  const order = s.spendingOrder;
  if (order !== undefined && (order.length !== SPENDING_SOURCES.length || !SPENDING_SOURCES.every((source) => order.includes(source)))) {
    problems.push({ field: 'settings.spendingOrder', message: `must name each of ${SPENDING_SOURCES.join(', ')} once` });
  }
  if (s.refundableUntil !== 'close' && s.refundableUntil !== 'never' && Number.isNaN(Date.parse(s.refundableUntil))) {
    problems.push({ field: 'settings.refundableUntil', message: 'must be "close", "never" or an ISO-8601 date' });
  }
  if (problems.length > 0) throw new VotingError('VOTING.EVENT_INVALID', problems.map((p) => `${p.field} ${p.message}`).join('; '), { errors: problems });
}
