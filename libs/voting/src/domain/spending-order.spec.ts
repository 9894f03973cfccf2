import { spendInOrder } from './spending-order';

describe('spendInOrder', () => {
  const available = { free: 2, subscription: 3, credits: 10 };

  it('takes from each source in the order given, as much as it has', () => {
    expect(spendInOrder(['free', 'subscription', 'credits'], 7, available)).toEqual({ free: 2, subscription: 3, credits: 2, unpaid: 0 });
    expect(spendInOrder(['subscription', 'free', 'credits'], 4, available)).toEqual({ free: 1, subscription: 3, credits: 0, unpaid: 0 });
    expect(spendInOrder(['credits', 'free', 'subscription'], 4, available)).toEqual({ free: 0, subscription: 0, credits: 4, unpaid: 0 });
  });

  it('says what nothing covers', () => {
    expect(spendInOrder(['free', 'subscription', 'credits'], 20, available)).toEqual({ free: 2, subscription: 3, credits: 10, unpaid: 5 });
  });
});
