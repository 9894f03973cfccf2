import { Inject } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { Clock, CLOCK, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity.config';

/**
 * Deletes expired sessions from the `sessions` read model (SPEC: hourly). A session is kept one
 * access-token lifetime past its expiry: the guard reads a missing row as "not revoked", so a
 * revoked session must outlive every access token issued for it. The events stay in the log; a
 * rebuild brings the rows back until the next run.
 */
@RegisteredJob()
export class ExpiredSessionsCleanupJob implements ScheduledJob {
  readonly name = 'identity.expired-sessions-cleanup';
  readonly schedule = { cron: '5 * * * *' };

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async run(): Promise<{ deleted: number }> {
    const before = new Date(this.clock.now().getTime() - this.config.jwt.accessTtlSeconds * 1000);
    const result = await this.pool.query('delete from sessions where expires_at < $1', [before]);
    return { deleted: result.rowCount ?? 0 };
  }
}
