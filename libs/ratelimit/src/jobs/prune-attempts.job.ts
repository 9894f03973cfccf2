import { Inject } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { Clock, CLOCK, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { RATE_LIMIT_CONFIG, RateLimitConfig } from '../ratelimit.config';

/**
 * Hourly housekeeping of the ratelimit tables. Windows need no timer (bucket keys expire in
 * Redis or the memory store), blocks none either (they are read with their end time): what
 * grows is the log of refusals, kept RATE_LIMIT_ATTEMPTS_RETENTION_DAYS, and the expired blocks,
 * whose rows a rebuild would bring back until the next run (their events stay in the log).
 */
@RegisteredJob()
export class PruneAttemptsJob implements ScheduledJob {
  readonly name = 'ratelimit.prune';
  readonly schedule = { cron: '20 * * * *' };

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RATE_LIMIT_CONFIG) private readonly config: RateLimitConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<{ attempts: number; blocks: number }> {
    const now = this.clock.now();
    const before = new Date(now.getTime() - this.config.attemptsRetentionDays * 24 * 3600 * 1000);
    const attempts = await this.pool.query('delete from rate_limit_attempts where timestamp < $1', [before]);
    const blocks = await this.pool.query('delete from rate_limit_blocks where blocked_until < $1', [now]);
    return { attempts: attempts.rowCount ?? 0, blocks: blocks.rowCount ?? 0 };
  }
}
