import { scorePaymentRisk } from './payment-risk.signal';

describe('scorePaymentRisk', () => {
  it('sees nothing in payments that stayed paid', () => {
    expect(scorePaymentRisk({ payments: 4, refunds: 0, disputes: 0, fraudWarnings: 0 })).toMatchObject({ risk: 0, reason: 'payments in good standing' });
  });

  it('counts refunds a little and chargebacks a lot', () => {
    const refunded = scorePaymentRisk({ payments: 4, refunds: 1, disputes: 0, fraudWarnings: 0 }).risk;
    const disputed = scorePaymentRisk({ payments: 4, refunds: 0, disputes: 1, fraudWarnings: 0 }).risk;
    expect(refunded).toBe(0.2);
    expect(disputed).toBe(0.5);
    expect(scorePaymentRisk({ payments: 4, refunds: 0, disputes: 2, fraudWarnings: 1 }).risk).toBe(1);
  });
});
