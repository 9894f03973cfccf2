import { Inject } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { Clock, CLOCK, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';

/**
 * Deletes expired one-time codes (SPEC: hourly): their attempt counters (`otp_attempts`), and the
 * phone verifications never completed, which still hold the number's envelope. An expired code
 * can no longer be verified, so nothing reads these rows; completed verifications stay. The
 * events stay in the log; a rebuild brings the rows back until the next run.
 */
@RegisteredJob()
export class ExpiredOtpCleanupJob implements ScheduledJob {
  readonly name = 'identity.expired-otp-cleanup';
  readonly schedule = { cron: '10 * * * *' };

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<{ otpAttempts: number; phoneVerifications: number }> {
    const now = this.clock.now();
    const attempts = await this.pool.query('delete from otp_attempts where expires_at < $1', [now]);
    const verifications = await this.pool.query('delete from phone_verifications where verified_at is null and expires_at < $1', [now]);
    return { otpAttempts: attempts.rowCount ?? 0, phoneVerifications: verifications.rowCount ?? 0 };
  }
}
