import { CASE_ID, given, NOW, opened, VOTE, VOTER } from '../../domain/dispute.fixtures';
import { effectOperationId } from '../../domain/dispute.streams';
import { decideInvestigateDispute } from '../investigate-dispute/investigate-dispute.decide';
import { decideWithdrawDispute } from '../withdraw-dispute/withdraw-dispute.decide';
import { decideResolveDispute } from './resolve-dispute.decide';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('the dispute workflow (open → investigating → resolved | withdrawn)', () => {
  const resolved = { type: 'DisputeCaseResolved' as const, data: { caseId: CASE_ID, userId: VOTER, resolution: 'rejected' as const, effect: { type: 'none' as const }, operationId: effectOperationId(CASE_ID), at: NOW.toISOString() } };

  it('resolves a pending case once, with the effect under an id derived from the case', () => {
    const events = decideResolveDispute({ caseId: CASE_ID, resolution: 'upheld', effect: { type: 'refund_credits', credits: 5 } }, given(opened()), NOW);
    expect(events).toEqual([
      { type: 'DisputeCaseResolved', data: { caseId: CASE_ID, userId: VOTER, resolution: 'upheld', effect: { type: 'refund_credits', credits: 5 }, operationId: effectOperationId(CASE_ID), at: NOW.toISOString() } },
    ]);
    expect(code(() => decideResolveDispute({ caseId: CASE_ID, resolution: 'upheld', effect: { type: 'none' } }, given(opened(), resolved), NOW))).toBe('DISPUTES.CASE_CLOSED');
  });

  it('voids only the case’s own vote, and only for a vote case', () => {
    const [event] = decideResolveDispute({ caseId: CASE_ID, resolution: 'upheld', effect: { type: 'void_vote' } }, given(opened()), NOW);
    expect(event.data.effect).toEqual({ type: 'void_vote', voteId: VOTE });
    const paymentCase = given(opened({ kind: 'payment', voteId: null, paymentId: '0190a6f6-0000-7000-8000-0000000000cc' }));
    expect(code(() => decideResolveDispute({ caseId: CASE_ID, resolution: 'upheld', effect: { type: 'void_vote' } }, paymentCase, NOW))).toBe('DISPUTES.INVALID_INPUT');
  });

  it('refuses an effect on a rejected case and credits out of range, naming the field', () => {
    expect(code(() => decideResolveDispute({ caseId: CASE_ID, resolution: 'rejected', effect: { type: 'refund_credits', credits: 1 } }, given(opened()), NOW))).toBe('DISPUTES.INVALID_INPUT');
    for (const credits of [0, -1, 1.5, 1_000_001, undefined]) {
      expect(code(() => decideResolveDispute({ caseId: CASE_ID, resolution: 'upheld', effect: { type: 'reverse_grant', credits } }, given(opened()), NOW))).toBe('DISPUTES.INVALID_INPUT');
    }
  });

  it('an unknown case is not found', () => {
    expect(code(() => decideResolveDispute({ caseId: CASE_ID, resolution: 'rejected', effect: { type: 'none' } }, given(), NOW))).toBe('DISPUTES.CASE_NOT_FOUND');
    expect(code(() => decideInvestigateDispute(given(), NOW))).toBe('DISPUTES.CASE_NOT_FOUND');
  });

  it('investigates once, and never a closed case', () => {
    const [investigated] = decideInvestigateDispute(given(opened()), NOW);
    expect(investigated).toEqual({ type: 'DisputeCaseInvestigated', data: { caseId: CASE_ID, at: NOW.toISOString() } });
    expect(code(() => decideInvestigateDispute(given(opened(), investigated), NOW))).toBe('DISPUTES.ALREADY_INVESTIGATING');
    expect(code(() => decideInvestigateDispute(given(opened(), resolved), NOW))).toBe('DISPUTES.CASE_CLOSED');
  });

  it('the voter withdraws a case they opened; another voter finds none; staff withdraw any pending one', () => {
    expect(decideWithdrawDispute({ caseId: CASE_ID, byStaff: false, actorId: VOTER }, given(opened()), NOW)).toEqual([{ type: 'DisputeCaseWithdrawn', data: { caseId: CASE_ID, at: NOW.toISOString() } }]);
    expect(code(() => decideWithdrawDispute({ caseId: CASE_ID, byStaff: false, actorId: 'someone-else' }, given(opened()), NOW))).toBe('DISPUTES.CASE_NOT_FOUND');
    expect(code(() => decideWithdrawDispute({ caseId: CASE_ID, byStaff: false, actorId: VOTER }, given(opened({ openedBy: 'provider' })), NOW))).toBe('DISPUTES.NOT_ALLOWED');
    expect(decideWithdrawDispute({ caseId: CASE_ID, byStaff: true, actorId: 'staff' }, given(opened({ openedBy: 'provider' })), NOW)).toHaveLength(1);
    expect(code(() => decideWithdrawDispute({ caseId: CASE_ID, byStaff: true, actorId: 'staff' }, given(opened(), resolved), NOW))).toBe('DISPUTES.CASE_CLOSED');
  });
});
