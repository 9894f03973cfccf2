import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ExpiredOtpCleanupJob, ExpiredSessionsCleanupJob } from '@tally/identity';
import { JobStatusService } from '@tally/jobs';
import { createTestDatabase, TestDatabase, uuidv7 } from '@tally/platform';
import { Pool } from 'pg';
import { createApp } from '../../apps/api/src/create-app';
import { testDatabaseTemplate } from '../support/test-app';

const HOUR = 3_600_000;

/** The SPEC's hourly identity housekeeping: expired sessions and one-time codes leave the read models. */
describe('identity housekeeping jobs', () => {
  let database: TestDatabase;
  let pool: Pool;
  let app: NestFastifyApplication;
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-housekeeping-'));

  beforeAll(async () => {
    database = await createTestDatabase(undefined, testDatabaseTemplate);
    // ROLE=api: no scheduler, so the test plays the runs itself.
    app = await createApp({ env: { DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ROLE: 'api', JWT_ACCESS_TTL_SECONDS: '900' } });
    await app.getHttpAdapter().getInstance().ready();
    pool = new Pool({ connectionString: database.url, max: 1 });
  }, 60_000);
  afterAll(async () => {
    await pool.end();
    await app.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ago = (ms: number) => new Date(Date.now() - ms);

  it('deletes sessions expired for longer than an access token lives, and keeps the others', async () => {
    const session = (expiresAt: Date) => {
      const id = uuidv7();
      return pool.query(`insert into sessions (session_id, tenant_id, user_id, refresh_token_hash, method, created_at, expires_at) values ($1, 't', $2, 'h', 'password', $3, $4)`, [id, uuidv7(), ago(40 * 24 * HOUR), expiresAt]).then(() => id);
    };
    const longExpired = await session(ago(2 * HOUR));
    const justExpired = await session(ago(60_000)); // an access token issued before may still be valid
    const live = await session(new Date(Date.now() + HOUR));
    expect(await app.get(ExpiredSessionsCleanupJob).run()).toEqual({ deleted: 1 });
    const left = (await pool.query<{ session_id: string }>('select session_id from sessions where session_id = any($1)', [[longExpired, justExpired, live]])).rows.map((row) => row.session_id);
    expect(left.sort()).toEqual([justExpired, live].sort());
  });

  it('deletes expired codes and unfinished phone verifications, and keeps completed ones', async () => {
    const otp = (expiresAt: Date) =>
      pool.query(`insert into otp_attempts (otp_id, tenant_id, subject_hash, user_id, purpose, channel, created_at, expires_at) values ($1, 't', 's', $2, 'login', 'sms', $3, $4)`, [uuidv7(), uuidv7(), ago(HOUR), expiresAt]);
    const verification = (expiresAt: Date, verifiedAt: Date | null) =>
      pool.query(`insert into phone_verifications (verification_id, tenant_id, user_id, otp_code_hash, requested_at, expires_at, verified_at) values ($1, 't', $2, 'h', $3, $4, $5)`, [uuidv7(), uuidv7(), ago(HOUR), expiresAt, verifiedAt]);
    await otp(ago(60_000));
    await otp(new Date(Date.now() + 60_000));
    await verification(ago(60_000), null);
    await verification(ago(60_000), ago(120_000));
    expect(await app.get(ExpiredOtpCleanupJob).run()).toEqual({ otpAttempts: 1, phoneVerifications: 1 });
    expect((await pool.query('select count(*)::int as n from otp_attempts')).rows[0]).toEqual({ n: 1 });
    expect((await pool.query('select verified_at is not null as verified from phone_verifications')).rows).toEqual([{ verified: true }]);
  });

  it('are registered on their hourly schedules', async () => {
    const jobs = await app.get(JobStatusService).list();
    expect(jobs.filter((job) => job.name.startsWith('identity.')).map(({ name, schedule }) => ({ name, schedule }))).toEqual([
      { name: 'identity.expired-otp-cleanup', schedule: 'cron 10 * * * * UTC' },
      { name: 'identity.expired-sessions-cleanup', schedule: 'cron 5 * * * * UTC' },
    ]);
  });
});
