import { cardSharingRisk, scorePaymentRisk } from './payment-risk.signal';

const clean = { payments: 4, refunds: 0, disputes: 0, fraudWarnings: 0, cards: 1, accountsOnCard: 1 };

describe('scorePaymentRisk', () => {
  it('sees nothing in payments that stayed paid, with a card of their own', () => {
    expect(scorePaymentRisk(clean)).toMatchObject({ risk: 0, reason: 'payments in good standing' });
    expect(scorePaymentRisk({ ...clean, payments: 0, cards: 0, accountsOnCard: 0 })).toMatchObject({ risk: 0, reason: 'no payments' });
  });

  it('counts refunds a little and chargebacks a lot', () => {
    const refunded = scorePaymentRisk({ ...clean, refunds: 1 }).risk;
    const disputed = scorePaymentRisk({ ...clean, disputes: 1 }).risk;
    expect(refunded).toBe(0.2);
    expect(disputed).toBe(0.5);
    expect(scorePaymentRisk({ ...clean, disputes: 2, fraudWarnings: 1 }).risk).toBe(1);
  });

  it('links accounts that pay with one card: two a little, five or more fully', () => {
    expect([1, 2, 3, 5, 8].map((accountsOnCard) => cardSharingRisk({ cards: 1, accountsOnCard }))).toEqual([0, 0.25, 0.5, 1, 1]);
    const shared = scorePaymentRisk({ ...clean, accountsOnCard: 2 });
    expect(shared).toMatchObject({ risk: 0.25, reason: 'a card shared by 2 accounts, 1 cards on this account', inputs: { accountsOnCard: 2, cards: 1 } });
    expect(shared.risk).toBeGreaterThan(scorePaymentRisk(clean).risk);
  });

  it('sees card testing in one account paying with many cards', () => {
    expect([1, 4, 6, 9].map((cards) => cardSharingRisk({ cards, accountsOnCard: 1 }))).toEqual([0, 0, 0.4, 1]);
  });

  it('never lowers the risk when more accounts share the card', () => {
    for (let accounts = 1; accounts < 10; accounts++) {
      expect(scorePaymentRisk({ ...clean, refunds: 1, accountsOnCard: accounts + 1 }).risk).toBeGreaterThanOrEqual(scorePaymentRisk({ ...clean, refunds: 1, accountsOnCard: accounts }).risk);
    }
  });
});
