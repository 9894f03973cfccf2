import { Env, EnvReader } from '@tally/platform';

/** Settings of the projection runner, read once at boot (STYLE rule 11). */
export interface ProjectionsConfig {
  /** Most events applied in one transaction. */
  batchSize: number;
  /** Most events per transaction while a rebuild replays the log into its shadow tables. */
  rebuildBatchSize: number;
  /** How often the runner checks the log head (one query for all projections) once they have caught up. */
  pollIntervalMs: number;
  /** How often a projection writes to its checkpoint how far it has read past events its filter skips. */
  skipPersistMs: number;
  /**
   * Tries of a failing piece of a batch (the whole batch, then its halves, down to one event)
   * before it is split in two, or, for a single event, parked.
   */
  maxAttempts: number;
  /** Pause between those in-batch tries (doubling, at most 8×): milliseconds, so a poison event holds nobody up. */
  quickRetryMs: number;
  /** Events parked in a row (none applied between them) before the projection counts as broken and stops parking. */
  maxParkedInARow: number;
  /** Backoff of a failing projection (infrastructure down, or broken): first delay, doubling up to maxRetryDelayMs. */
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  /** Background retries of a parked event before it stays parked for an operator; 0 turns them off. */
  parkedMaxRetries: number;
  /** Delay before the first background retry of a parked event, doubling per retry up to parkedRetryMaxMs. */
  parkedRetryBaseMs: number;
  parkedRetryMaxMs: number;
  /** How often the runner looks for parked events whose retry is due. */
  parkedPollMs: number;
  /** How often a standby instance asks for a projection's lock. */
  lockRetryMs: number;
  /** Status reads count at most this many pending events ("1000+" beyond). */
  lagCountCap: number;
  /** /health/ready fails when a projection is further behind than this; 0 disables the check. */
  readyMaxLagSeconds: number;
  /**
   * How long a read that names a log position (Tally-Position) waits for the read models it
   * uses to apply it before answering 503 with Retry-After.
   */
  readWaitMs: number;
  /** While such a read waits on projections another process runs, how often it reads their checkpoints. */
  readPollMs: number;
}

export const PROJECTIONS_CONFIG = Symbol('ProjectionsConfig');

export function loadProjectionsConfig(env: Env): ProjectionsConfig {
  const read = new EnvReader(env);
  return {
    // Large batches keep the leaderboard close behind the log under load (measured: 200 lagged seconds at ~700 votes/s).
    batchSize: read.int('PROJECTIONS_BATCH_SIZE', 1000, { min: 1, max: 10_000 }),
    // A rebuild replays history: bigger transactions amortise the checkpoint and re-rank per batch.
    rebuildBatchSize: read.int('PROJECTIONS_REBUILD_BATCH_SIZE', 5_000, { min: 1, max: 50_000 }),
    pollIntervalMs: read.int('PROJECTIONS_POLL_MS', 100, { min: 5, max: 60_000 }),
    skipPersistMs: read.int('PROJECTIONS_SKIP_PERSIST_MS', 5_000, { min: 0, max: 600_000 }),
    // A failing event is isolated and parked within milliseconds: the projection is shared by
    // every tenant, and seconds of retries here were seconds of lag for all of them.
    maxAttempts: read.int('PROJECTIONS_MAX_ATTEMPTS', 2, { min: 1, max: 50 }),
    quickRetryMs: read.int('PROJECTIONS_QUICK_RETRY_MS', 10, { min: 0, max: 1_000 }),
    maxParkedInARow: read.int('PROJECTIONS_MAX_PARKED_IN_A_ROW', 10, { min: 1, max: 100_000 }),
    retryBaseDelayMs: read.int('PROJECTIONS_RETRY_BASE_MS', 200, { min: 0, max: 60_000 }),
    maxRetryDelayMs: read.int('PROJECTIONS_RETRY_MAX_MS', 10_000, { min: 0, max: 600_000 }),
    // 5 s, 10 s, … capped at 15 min: ten retries span about 50 minutes, time to ship a fix.
    parkedMaxRetries: read.int('PROJECTIONS_PARKED_MAX_RETRIES', 10, { min: 0, max: 1_000 }),
    parkedRetryBaseMs: read.int('PROJECTIONS_PARKED_RETRY_BASE_MS', 5_000, { min: 10, max: 86_400_000 }),
    parkedRetryMaxMs: read.int('PROJECTIONS_PARKED_RETRY_MAX_MS', 900_000, { min: 10, max: 86_400_000 }),
    parkedPollMs: read.int('PROJECTIONS_PARKED_POLL_MS', 1_000, { min: 10, max: 600_000 }),
    lockRetryMs: read.int('PROJECTIONS_LOCK_RETRY_MS', 2_000, { min: 10, max: 600_000 }),
    lagCountCap: read.int('PROJECTIONS_LAG_COUNT_CAP', 1_000, { min: 1, max: 1_000_000 }),
    readyMaxLagSeconds: read.int('PROJECTIONS_READY_MAX_LAG_SECONDS', 0, { min: 0 }),
    // A few polls of the live runner (PROJECTIONS_POLL_MS) plus a batch: past that the client is better told to retry.
    readWaitMs: read.int('READ_POSITION_WAIT_MS', 500, { min: 0, max: 10_000 }),
    readPollMs: read.int('READ_POSITION_POLL_MS', 25, { min: 5, max: 1_000 }),
  };
}
