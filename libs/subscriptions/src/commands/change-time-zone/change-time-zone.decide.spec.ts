import fc from 'fast-check';
import { SubscriptionEvent } from '../../domain/subscription.events';
import { quotaDate, quotaDayEnd, subscriptionDecider, SubscriptionState } from '../../domain/subscription.state';
import { paid, refusal, started, subscribed, subscription } from '../../testing/subscription-fixtures';
import { decideCancelSubscription } from '../cancel-subscription/cancel-subscription.decide';
import { decideChangeTimeZone, decideSubscriberTimeZone } from './change-time-zone.decide';

const PRO = subscribed('01930000-0000-7000-8000-0000000000a1');
const iso = (ms: number): string => new Date(ms).toISOString();
const apply = (state: SubscriptionState, events: SubscriptionEvent[]): SubscriptionState => events.reduce(subscriptionDecider.evolve, state);

describe('changing a subscriber\'s time zone', () => {
  it('westward (Auckland → Honolulu): today goes on until Honolulu\'s first midnight after Auckland\'s, then Honolulu dates', () => {
    const auckland = subscription(started(PRO, 'Pacific/Auckland'), paid());
    const now = new Date('2026-03-09T21:00:00Z'); // 10:00 on 10 March in Auckland, 11:00 on 9 March in Honolulu
    const [changed] = decideChangeTimeZone(auckland, 'Pacific/Honolulu', now);
    // Auckland's 10 March ends at 11:00Z on the 10th; Honolulu's next midnight is 10:00Z on the 11th.
    expect(changed.data).toEqual({ subscriptionId: auckland.subscriptionId, from: 'Pacific/Auckland', to: 'Pacific/Honolulu', today: '2026-03-10', todayEndsAt: '2026-03-11T10:00:00.000Z', at: now.toISOString() });
    const honolulu = apply(auckland, [changed]);
    // Without the rule Honolulu would say 9 March here: a day never used, a fresh quota.
    expect([quotaDate(honolulu, now.getTime()), iso(quotaDayEnd(honolulu, now.getTime()))]).toEqual(['2026-03-10', '2026-03-11T10:00:00.000Z']);
    expect(quotaDate(honolulu, Date.parse('2026-03-11T09:59:59Z'))).toBe('2026-03-10');
    expect(quotaDate(honolulu, Date.parse('2026-03-11T10:00:00Z'))).toBe('2026-03-11');
  });

  it('eastward (New York → London): today is not cut short by London\'s earlier midnight', () => {
    const newYork = subscription(started(PRO, 'America/New_York'), paid());
    const now = new Date('2026-03-10T22:00:00Z'); // 18:00 EDT on 10 March; 22:00 on 10 March in London
    const [changed] = decideChangeTimeZone(newYork, 'Europe/London', now);
    // London's midnight at 00:00Z on the 11th falls inside New York's 10 March (which ends 04:00Z): today runs to London's next, 00:00Z on the 12th.
    expect(changed.data).toMatchObject({ today: '2026-03-10', todayEndsAt: '2026-03-12T00:00:00.000Z' });
    const london = apply(newYork, [changed]);
    expect(quotaDate(london, Date.parse('2026-03-11T12:00:00Z'))).toBe('2026-03-10');
    expect(quotaDate(london, Date.parse('2026-03-12T00:00:00Z'))).toBe('2026-03-12');
  });

  it('between zones with the same midnight the day ends when it would have', () => {
    const paris = subscription(started(PRO, 'Europe/Paris'), paid());
    const [changed] = decideChangeTimeZone(paris, 'Europe/Berlin', new Date('2026-03-10T12:00:00Z'));
    expect(changed.data).toMatchObject({ today: '2026-03-10', todayEndsAt: '2026-03-10T23:00:00.000Z' });
  });

  it('refuses a second change before the first takes effect, a stranger\'s or ended subscription; the same zone is no change', () => {
    const now = new Date('2026-03-09T21:00:00Z');
    const auckland = subscription(started(PRO, 'Pacific/Auckland'), paid());
    expect(decideChangeTimeZone(auckland, 'Pacific/Auckland', now)).toEqual([]);
    const moved = apply(auckland, decideChangeTimeZone(auckland, 'Pacific/Honolulu', now));
    expect(refusal(() => decideChangeTimeZone(moved, 'Pacific/Auckland', new Date('2026-03-10T21:00:00Z')))).toBe('SUBSCRIPTIONS.TIME_ZONE_CHANGE_PENDING');
    expect(decideChangeTimeZone(moved, 'Pacific/Auckland', new Date('2026-03-11T10:00:00Z'))).toHaveLength(1);
    expect(refusal(() => decideChangeTimeZone(subscriptionDecider.initialState(), 'UTC', now))).toBe('SUBSCRIPTIONS.SUBSCRIPTION_NOT_FOUND');
    const cancelled = apply(auckland, decideCancelSubscription(auckland, now));
    expect(refusal(() => decideChangeTimeZone(cancelled, 'UTC', new Date('2026-04-02T00:00:00Z')))).toBe('SUBSCRIPTIONS.NOT_CHANGEABLE');
    expect(decideSubscriberTimeZone({ subscriptionId: null, reservedAtMs: null, timeZone: 'UTC' }, 'u', 'UTC', now)).toEqual([]);
    expect(decideSubscriberTimeZone({ subscriptionId: null, reservedAtMs: null, timeZone: 'UTC' }, 'u', 'Asia/Tokyo', now)[0].data.timeZone).toBe('Asia/Tokyo');
  });

  // Zones 26 hours apart, and two with DST changes inside the window.
  const ZONES = ['Pacific/Kiritimati', 'Pacific/Auckland', 'Asia/Kolkata', 'Europe/London', 'UTC', 'America/New_York', 'Pacific/Honolulu', 'Pacific/Pago_Pago'];
  const WINDOW_START = Date.parse('2026-03-25T00:00:00Z');
  const STEP = 30 * 60_000;

  it('property: whatever zones are hopped and when, quota days never go back and none is shorter than a 23-hour local day', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(fc.record({ atStep: fc.integer({ min: 0, max: 10 * 48 }), zone: fc.constantFrom(...ZONES) }), { maxLength: 12 }),
        (first, hops) => {
          let state = subscription(started(PRO, first), paid('in_1', '2026-05-01T00:00:00.000Z'));
          const changes = [...hops].sort((a, b) => a.atStep - b.atStep);
          const spans = new Map<string, { from: number; to: number }>();
          let previous = '';
          for (let step = 0; step <= 12 * 48; step += 1) {
            const t = WINDOW_START + step * STEP;
            for (const change of changes.filter((c) => c.atStep === step)) {
              try {
                state = apply(state, decideChangeTimeZone(state, change.zone, new Date(t)));
              } catch (error) {
                expect((error as { code: string }).code).toBe('SUBSCRIPTIONS.TIME_ZONE_CHANGE_PENDING');
              }
            }
            const date = quotaDate(state, t);
            expect(date >= previous).toBe(true);
            previous = date;
            const span = spans.get(date) ?? { from: t, to: t };
            spans.set(date, { ...span, to: t });
          }
          // The first and last days are cut by the window; every other one lasted at least 23 hours (sampled every half hour).
          const inner = [...spans.values()].slice(1, -1);
          for (const { from, to } of inner) expect(to + STEP - from).toBeGreaterThanOrEqual(23 * 3_600_000 - STEP);
        },
      ),
      { numRuns: 15, seed: 14 },
    );
  });
});
