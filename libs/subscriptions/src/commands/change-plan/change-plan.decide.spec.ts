import { subscriptionDecider } from '../../domain/subscription.state';
import { paid, refusal, started, subscribed, subscription } from '../../testing/subscription-fixtures';
import { decideCancelSubscription } from '../cancel-subscription/cancel-subscription.decide';
import { decideChangePlan } from './change-plan.decide';

const BASIC = subscribed('01930000-0000-7000-8000-0000000000a0', { name: 'Basic', dailyQuota: 3, monthlyCost: { amount: 299, currency: 'USD' } });
const PRO = subscribed('01930000-0000-7000-8000-0000000000a1');
const PREMIUM = subscribed('01930000-0000-7000-8000-0000000000a2', { name: 'Premium', dailyQuota: 25, monthlyCost: { amount: 1999, currency: 'USD' } });
const NOW = new Date('2026-03-10T12:00:00Z');

describe('plan changes and cancels', () => {
  const active = subscription(started(PRO), paid());

  it('upgrades and downgrades in the asked direction only', () => {
    const [up] = decideChangePlan('upgrade', PREMIUM, active, NOW);
    expect(up.data).toMatchObject({ direction: 'upgrade', from: PRO, to: PREMIUM });
    expect(subscriptionDecider.evolve(active, up).plan.dailyQuota).toBe(25);
    expect(decideChangePlan('downgrade', BASIC, active, NOW)[0].data.to).toEqual(BASIC);
    expect(refusal(() => decideChangePlan('upgrade', BASIC, active, NOW))).toBe('SUBSCRIPTIONS.WRONG_DIRECTION');
    expect(refusal(() => decideChangePlan('downgrade', PREMIUM, active, NOW))).toBe('SUBSCRIPTIONS.WRONG_DIRECTION');
    expect(refusal(() => decideChangePlan('upgrade', PRO, active, NOW))).toBe('SUBSCRIPTIONS.WRONG_DIRECTION');
    expect(refusal(() => decideChangePlan('upgrade', { ...PREMIUM, monthlyCost: { amount: 1999, currency: 'EUR' } }, active, NOW))).toBe('SUBSCRIPTIONS.CURRENCY_MISMATCH');
  });

  it('ranks plans of the same price by their quota', () => {
    expect(decideChangePlan('upgrade', { ...PREMIUM, monthlyCost: PRO.monthlyCost }, active, NOW)).toHaveLength(1);
  });

  it('changes only an active subscription that is not cancelled', () => {
    expect(refusal(() => decideChangePlan('upgrade', PREMIUM, subscription(started(PRO)), NOW))).toBe('SUBSCRIPTIONS.NOT_CHANGEABLE');
    const cancelled = subscription(started(PRO), paid(), ...decideCancelSubscription(active, NOW));
    expect(refusal(() => decideChangePlan('upgrade', PREMIUM, cancelled, NOW))).toBe('SUBSCRIPTIONS.NOT_CHANGEABLE');
  });

  it('cancels at the end of the paid period, once; an unpaid one ends now', () => {
    const [cancel] = decideCancelSubscription(active, NOW);
    expect(cancel.data.endsAt).toBe('2026-04-01T12:00:00.000Z');
    expect(decideCancelSubscription(subscriptionDecider.evolve(active, cancel), NOW)).toEqual([]);
    expect(decideCancelSubscription(subscription(started(PRO)), NOW)[0].data.endsAt).toBe(NOW.toISOString());
    expect(refusal(() => decideCancelSubscription(subscriptionDecider.initialState(), NOW))).toBe('SUBSCRIPTIONS.SUBSCRIPTION_NOT_FOUND');
  });
});
