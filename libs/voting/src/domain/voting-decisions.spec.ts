import { DomainError } from '@tally/platform';
import { decideAddContestant } from '../commands/add-contestant/add-contestant.decide';
import { decideChangeStatus, decideScheduledMove } from '../commands/change-contest-status/change-contest-status.decide';
import { decideCreateContest } from '../commands/create-contest/create-contest.decide';
import { decideEditContest } from '../commands/edit-contest/edit-contest.decide';
import { decideGrantCredits } from '../commands/grant-credits/grant-credits.decide';
import { decideRefundVote } from '../commands/refund-vote/refund-vote.decide';
import { decideRevokeCredits } from '../commands/revoke-credits/revoke-credits.decide';
import { ContestEvent } from './contest.events';
import { contestDecider, ContestState } from './contest.state';
import { NamePolicy } from './name-moderation';
import { deterministicUuid } from '@tally/platform';
import { CREDIT_OPERATIONS } from './credit-operation-ids';
import { VoterEvent } from './voter.events';
import { voterDecider, VoterState } from './voter.state';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const C = '01930000-0000-7000-8000-000000000001';
/** The default name moderation: public at once, reviewed after. */
const POST: NamePolicy = { bannedTerms: [], moderation: 'post' };
const fold = <S, E>(decider: { initialState(): S; evolve(s: S, e: E): S }, events: readonly E[]) => events.reduce(decider.evolve, decider.initialState());
const code = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return String((error as DomainError<string>).code);
    throw error;
  }
  return 'no refusal';
};

function contest(status: ContestState['status'] = 'draft', refundableUntil = 'close'): ContestState {
  const created = decideCreateContest({ name: ' Finals ', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 5, settings: { refundableUntil } }, C, contestDecider.initialState(), NOW);
  const events: ContestEvent[] = [...created];
  const path: Record<string, ContestState['status'][]> = { draft: [], scheduled: ['scheduled'], open: ['open'], closed: ['open', 'closed'], finalized: ['open', 'closed', 'finalized'], cancelled: ['cancelled'] };
  let from: ContestState['status'] = 'draft';
  for (const to of path[status]) {
    events.push({ type: 'ContestStatusChanged', data: { contestId: C, from, to, by: 'organizer', at: NOW.toISOString() } });
    from = to;
  }
  return fold(contestDecider, events);
}

describe('contest decisions', () => {
  it('creates a draft with defaults and refuses bad dates and caps, naming the fields', () => {
    const state = contest();
    expect(state).toMatchObject({ exists: true, name: 'Finals', status: 'draft', voteCap: 5, settings: { freeVotesPerDay: 0, maxVotesPerRequest: 100, requireVerifiedPhone: false } });
    expect(code(() => decideCreateContest({ name: 'x', startDate: '2026-04-01T00:00:00Z', endDate: '2026-02-01T00:00:00Z', voteCap: 0 }, C, contestDecider.initialState(), NOW))).toBe('VOTING.EVENT_INVALID');
    expect(code(() => decideCreateContest({ name: 'x', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 1 }, C, state, NOW))).toBe('VOTING.EVENT_NOT_EDITABLE');
  });

  it('allows only the lifecycle moves, and changes nothing when the status is already the target', () => {
    expect(decideChangeStatus('open', contest('draft'), NOW)).toHaveLength(1);
    expect(decideChangeStatus('open', contest('open'), NOW)).toEqual([]);
    for (const [from, to] of [['draft', 'closed'], ['open', 'draft'], ['closed', 'open'], ['finalized', 'cancelled'], ['cancelled', 'open']] as const) {
      expect(code(() => decideChangeStatus(to, contest(from), NOW))).toBe('VOTING.ILLEGAL_STATUS_TRANSITION');
    }
    expect(code(() => decideChangeStatus('open', contestDecider.initialState(), NOW))).toBe('VOTING.EVENT_NOT_FOUND');
  });

  it('opens and closes on schedule, in order, and does nothing before it is due', () => {
    expect(decideScheduledMove(contest('scheduled'), new Date('2026-01-15T00:00:00Z'))).toEqual([]);
    expect(decideScheduledMove(contest('scheduled'), NOW).map((e) => e.data.to)).toEqual(['open']);
    expect(decideScheduledMove(contest('open'), new Date('2026-04-01T00:00:00Z')).map((e) => e.data.to)).toEqual(['closed']);
    expect(decideScheduledMove(contest('scheduled'), new Date('2026-05-01T00:00:00Z')).map((e) => `${e.data.from}>${e.data.to}`)).toEqual(['scheduled>open', 'open>closed']);
    expect(decideScheduledMove(contest('draft'), new Date('2026-05-01T00:00:00Z'))).toEqual([]);
  });

  it('keeps slugs unique per event: a given slug that is taken is refused, a derived one gets a suffix', () => {
    const draft = contest();
    const state = contestDecider.evolve(draft, decideAddContestant({ contestId: C, name: 'Ada L.' }, 'a', draft, POST, NOW)[0]);
    expect(state.slugs.get('ada-l')).toBe('a');
    expect(decideAddContestant({ contestId: C, name: 'Ada  L' }, 'b', state, POST, NOW)[0].data.slug).toBe('ada-l-2');
    // Where the tenant pre-moderates names, a name waiting for a moderator does not show through its slug: it comes from the placeholder.
    expect(decideAddContestant({ contestId: C, name: 'Ada  L' }, 'b', state, { bannedTerms: [], moderation: 'pre' }, NOW)[0].data).toMatchObject({ slug: 'contestant-2', publicName: 'Contestant 2' });
    expect(code(() => decideAddContestant({ contestId: C, name: 'X', slug: 'ada-l' }, 'c', state, POST, NOW))).toBe('VOTING.SLUG_TAKEN');
    expect(code(() => decideAddContestant({ contestId: C, name: 'X', categoryId: 'nope' }, 'c', state, POST, NOW))).toBe('VOTING.CATEGORY_NOT_FOUND');
    expect(code(() => decideAddContestant({ contestId: C, name: 'X' }, 'c', contest('closed'), POST, NOW))).toBe('VOTING.EVENT_NOT_EDITABLE');
  });

  it('freezes the rules voters rely on once the event is open', () => {
    expect(decideEditContest({ contestId: C, voteCap: 9, settings: { freeVotesPerDay: 1 } }, contest('draft'), NOW)).toHaveLength(1);
    expect(code(() => decideEditContest({ contestId: C, settings: { freeVotesPerDay: 1 } }, contest('open'), NOW))).toBe('VOTING.EVENT_NOT_EDITABLE');
    expect(code(() => decideEditContest({ contestId: C, voteCap: 1 }, contest('open'), NOW))).toBe('VOTING.EVENT_NOT_EDITABLE');
    expect(decideEditContest({ contestId: C, voteCap: 10, endDate: '2026-05-01T00:00:00Z' }, contest('open'), NOW)).toHaveLength(1);
    expect(code(() => decideEditContest({ contestId: C, name: 'y' }, contest('closed'), NOW))).toBe('VOTING.EVENT_NOT_EDITABLE');
  });
});

describe('voter ledger decisions', () => {
  const grantId = deterministicUuid(CREDIT_OPERATIONS, 'payment', 'pay_1');

  it('derives the same grant id from the same cause, and applies a grant once', () => {
    expect(deterministicUuid(CREDIT_OPERATIONS, 'payment', 'pay_1')).toBe(grantId);
    expect(deterministicUuid(CREDIT_OPERATIONS, 'payment', 'pay_2')).not.toBe(grantId);
    const [granted] = decideGrantCredits({ userId: 'u', credits: 5, grantId, source: { kind: 'payment', ref: 'pay_1' } }, voterDecider.initialState(), NOW);
    const state = voterDecider.evolve(voterDecider.initialState(), granted);
    expect(state.balance).toBe(5);
    expect(decideGrantCredits({ userId: 'u', credits: 5, grantId, source: { kind: 'payment', ref: 'pay_1' } }, state, NOW)).toEqual([]);
    expect(code(() => decideGrantCredits({ userId: 'u', credits: 0, grantId, source: { kind: 'admin', ref: 'x' } }, state, NOW))).toBe('VOTING.INVALID_CREDITS');
  });

  function withVotes(): VoterState {
    const events: VoterEvent[] = [
      { type: 'CreditsGranted', data: { grantId, userId: 'u', credits: 5, source: { kind: 'payment', ref: 'p' }, balanceAfter: 5, at: NOW.toISOString() } },
    ];
    const vote = (voteId: string, amount: number, freeUsed: number, balanceAfter: number): VoterEvent => ({
      type: 'VoteCast',
      data: { voteId, userId: 'u', contestId: C, contestantId: 'x', categoryId: null, amount, freeUsed, paidUsed: amount - freeUsed, day: '2026-03-01', status: 'accepted', castAt: NOW.toISOString(), idempotencyKey: voteId, fingerprint: voteId, hash: 'h', balanceAfter, remaining: { credits: balanceAfter, quotaToday: 0, capLeft: 0 } },
    });
    events.push(vote('v1', 2, 0, 3), vote('v2', 3, 1, 1));
    return fold(voterDecider, events);
  }

  it('revokes unspent credits first and voids the newest paid votes to cover the spent ones', () => {
    const state = withVotes();
    const revokeId = deterministicUuid(CREDIT_OPERATIONS, 'refund', 'r1');
    const events = decideRevokeCredits({ userId: 'u', credits: 4, revokeId, reason: 'refund', ref: 'r1', voidVotes: true }, state, NOW);
    expect(events.map((e) => e.type)).toEqual(['CreditsRevoked', 'VoteVoided', 'VoteVoided']);
    expect(events[0].data).toMatchObject({ credits: 1, requested: 4, balanceAfter: 0 });
    // v2 paid 2 (recovers 2), v1 paid 2 (recovers the last 1, returns 1).
    const voided = events.slice(1).map((e) => e.data as { voteId: string; paidRecovered: number; paidReturned: number });
    expect(voided.map((d): [string, number, number] => [d.voteId, d.paidRecovered, d.paidReturned])).toEqual([
      ['v2', 2, 0],
      ['v1', 1, 1],
    ]);
    const after = (events as VoterEvent[]).reduce(voterDecider.evolve, state);
    expect(after.balance).toBe(1);
    expect(after.contestTotals.get(C)).toBeUndefined();
    expect(decideRevokeCredits({ userId: 'u', credits: 4, revokeId, reason: 'refund', ref: 'r1', voidVotes: true }, after, NOW)).toEqual([]);
    const keep = decideRevokeCredits({ userId: 'u', credits: 4, revokeId: deterministicUuid(CREDIT_OPERATIONS, 'refund', 'r2'), reason: 'refund', ref: 'r2', voidVotes: false }, state, NOW);
    expect(keep.map((e) => e.type)).toEqual(['CreditsRevoked']);
  });

  it('refunds a vote while the event is open: paid credits, free votes and cap come back, once', () => {
    const state = withVotes();
    const [refund] = decideRefundVote({ voteId: 'v2', userId: 'u', by: 'voter' }, contest('open'), state, NOW);
    expect(refund.data).toMatchObject({ freeReturned: 1, paidReturned: 2, balanceAfter: 3, wasCounted: true });
    const after = voterDecider.evolve(state, refund);
    expect(after.contestTotals.get(C)).toBe(2);
    expect(after.freeUsed.get(`${C}/2026-03-01`)).toBeUndefined();
    expect(code(() => decideRefundVote({ voteId: 'v2', userId: 'u', by: 'voter' }, contest('open'), after, NOW))).toBe('VOTING.VOTE_NOT_REFUNDABLE');
    expect(code(() => decideRefundVote({ voteId: 'v1', userId: 'u', by: 'voter' }, contest('closed'), state, NOW))).toBe('VOTING.VOTE_NOT_REFUNDABLE');
    expect(code(() => decideRefundVote({ voteId: 'v1', userId: 'u', by: 'voter' }, contest('open', 'never'), state, NOW))).toBe('VOTING.VOTE_NOT_REFUNDABLE');
    expect(code(() => decideRefundVote({ voteId: 'v1', userId: 'u', by: 'voter' }, contest('open', '2026-02-15T00:00:00Z'), state, NOW))).toBe('VOTING.VOTE_NOT_REFUNDABLE');
    expect(code(() => decideRefundVote({ voteId: 'nope', userId: 'u', by: 'voter' }, contest('open'), state, NOW))).toBe('VOTING.VOTE_NOT_FOUND');
  });
});
