import { Env, EnvReader } from '@tally/platform';

export interface VotingConfig {
  /** Prefix of the voting keys in Redis (tests use their own). */
  redisPrefix: string;
  /** How often the leaderboard ranks are recalculated (SPEC: every 30 s). */
  recalcIntervalMs: number;
  /** How long a built leaderboard is served to every reader of its event (0: every read builds its own). */
  leaderboardCacheMs: number;
  /** How often scheduled events are opened and closed on their dates. */
  scheduleIntervalMs: number;
}

export const VOTING_CONFIG = Symbol('VotingConfig');

export function loadVotingConfig(env: Env): VotingConfig {
  const read = new EnvReader(env);
  return {
    redisPrefix: read.string('VOTING_REDIS_PREFIX', 'tally:'),
    recalcIntervalMs: read.int('LEADERBOARD_RECALC_INTERVAL_MS', 30_000, { min: 1000 }),
    leaderboardCacheMs: read.int('LEADERBOARD_CACHE_MS', 100, { min: 0, max: 60_000 }),
    scheduleIntervalMs: read.int('CONTEST_SCHEDULE_INTERVAL_MS', 15_000, { min: 500 }),
  };
}
