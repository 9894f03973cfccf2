import { ConfigError, Env, EnvReader } from '@tally/platform';
import { isTimeZone } from './domain/local-day';

export interface SubscriptionsConfig {
  /** How long a failed renewal keeps the quota before the subscription is suspended (dunning). */
  graceMs: number;
  /** How long a process trusts what it looked up about a voter's subscription (which one, or none) before looking again. */
  lookupCacheMs: number;
  /** How often the quota-reset and dunning job runs. */
  jobIntervalMs: number;
  /** The zone of subscribers who name none. */
  defaultTimeZone: string;
  /** Whether votes draw on subscription quotas (off: the vote path never asks; for measuring what asking costs, bench:quota). */
  voteQuotas: boolean;
}

export const SUBSCRIPTIONS_CONFIG = Symbol('SubscriptionsConfig');

export function loadSubscriptionsConfig(env: Env): SubscriptionsConfig {
  const read = new EnvReader(env);
  const defaultTimeZone = read.string('SUBSCRIPTIONS_DEFAULT_TIME_ZONE', 'UTC');
  if (!isTimeZone(defaultTimeZone)) throw new ConfigError('SUBSCRIPTIONS_DEFAULT_TIME_ZONE', `must be an IANA time zone such as Europe/London, got "${defaultTimeZone}"`);
  return {
    graceMs: read.int('SUBSCRIPTIONS_GRACE_HOURS', 72, { min: 0, max: 24 * 60 }) * 3_600_000,
    lookupCacheMs: read.int('SUBSCRIPTIONS_LOOKUP_CACHE_MS', 5000, { min: 0, max: 600_000 }),
    jobIntervalMs: read.int('SUBSCRIPTIONS_JOB_INTERVAL_MS', 60_000, { min: 500 }),
    defaultTimeZone,
    voteQuotas: read.bool('SUBSCRIPTIONS_VOTE_QUOTAS', true),
  };
}
