import type { DisputeCaseOpened, DisputeEvent } from './dispute.events';
import { DisputeState, evolveDispute, initialDisputeState } from './dispute.state';

export const CASE_ID = '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b';
export const VOTER = '0190a6f6-0000-7000-8000-000000000001';
export const VOTE = '0190a6f6-0000-7000-8000-0000000000aa';
export const NOW = new Date('2026-03-01T12:00:00.000Z');

export const opened = (over: Partial<DisputeCaseOpened['data']> = {}): DisputeCaseOpened => ({
  type: 'DisputeCaseOpened',
  data: { caseId: CASE_ID, kind: 'vote', userId: VOTER, voteId: VOTE, paymentId: null, reason: 'vote_not_counted', openedBy: 'voter', providerDisputeId: null, at: NOW.toISOString(), ...over },
});

/** The state after these events (given, in the given/when/then of the decide specs). */
export const given = (...events: DisputeEvent[]): DisputeState => events.reduce(evolveDispute, initialDisputeState());
