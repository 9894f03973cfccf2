import { CASE_ID, given, NOW, opened, VOTE, VOTER } from '../../domain/dispute.fixtures';
import { DisputesError } from '../../disputes.errors';
import { decideOpenDispute, CheckedOpening } from './open-dispute.decide';

const opening: CheckedOpening = { caseId: CASE_ID, kind: 'vote', voteId: VOTE, paymentId: null, userId: VOTER, reason: 'vote_not_counted', openedBy: 'voter', providerDisputeId: null };

describe('decideOpenDispute', () => {
  it('opens a new case with its subject and opener', () => {
    expect(decideOpenDispute(opening, given(), NOW)).toEqual([opened()]);
  });

  it('appends nothing for the same opening again (a retried key, a redelivered webhook)', () => {
    expect(decideOpenDispute(opening, given(opened()), NOW)).toEqual([]);
  });

  it('refuses another opening under the same case id (a reused Idempotency-Key)', () => {
    const other = { ...opening, voteId: '0190a6f6-0000-7000-8000-0000000000bb' };
    expect(() => decideOpenDispute(other, given(opened()), NOW)).toThrow(expect.objectContaining({ code: 'DISPUTES.IDEMPOTENCY_MISMATCH' }) as DisputesError);
  });
});
