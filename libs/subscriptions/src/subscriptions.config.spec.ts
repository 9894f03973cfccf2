import { ConfigError } from '@tally/platform';
import { loadSubscriptionsConfig } from './subscriptions.config';

describe('subscriptions config', () => {
  it('has defaults', () => {
    expect(loadSubscriptionsConfig({})).toEqual({ graceMs: 72 * 3_600_000, lookupCacheMs: 5000, jobIntervalMs: 60_000, defaultTimeZone: 'UTC', voteQuotas: true });
  });

  it('refuses a zone that is not IANA and a bad grace', () => {
    expect(() => loadSubscriptionsConfig({ SUBSCRIPTIONS_DEFAULT_TIME_ZONE: 'Mars/Base' })).toThrow(ConfigError);
    expect(() => loadSubscriptionsConfig({ SUBSCRIPTIONS_GRACE_HOURS: '-1' })).toThrow(/SUBSCRIPTIONS_GRACE_HOURS/);
  });
});
