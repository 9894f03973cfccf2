import { ContestState, initialContestState } from './contest.state';
import { VoteCast, VoterEvent } from './voter.events';
import { initialVoterState, voterDecider, VoterState } from './voter.state';

/** A voter's stream for the review decisions' specs: credits, then votes cast in the given statuses. */
export const REVIEW_NOW = new Date('2026-03-01T12:00:00.000Z');
export const REVIEW_CONTEST = '01930000-0000-7000-8000-0000000000c1';

export function castVote(voteId: string, status: 'accepted' | 'held', amount: number, paidUsed: number, balanceAfter: number): VoteCast {
  return {
    type: 'VoteCast',
    data: {
      voteId,
      userId: 'u1',
      contestId: REVIEW_CONTEST,
      contestantId: 'c1',
      categoryId: null,
      amount,
      freeUsed: amount - paidUsed,
      paidUsed,
      day: '2026-03-01',
      status,
      castAt: REVIEW_NOW.toISOString(),
      idempotencyKey: `key-${voteId}`,
      fingerprint: 'f',
      hash: 'h',
      balanceAfter,
      remaining: { credits: balanceAfter, quotaToday: 0, capLeft: 10 },
    },
  };
}

export function voterWith(events: readonly VoterEvent[]): VoterState {
  const granted: VoterEvent = { type: 'CreditsGranted', data: { grantId: 'g1', userId: 'u1', credits: 10, source: { kind: 'admin', ref: 'test' }, balanceAfter: 10, at: REVIEW_NOW.toISOString() } };
  return [granted, ...events].reduce(voterDecider.evolve, initialVoterState());
}

export function contestIn(status: ContestState['status']): ContestState {
  return { ...initialContestState(), exists: true, contestId: REVIEW_CONTEST, status };
}
