import { randomUUID } from 'node:crypto';
import { ReplicaConsistencyJob, ReplicaLagMonitor } from '@tally/observability';
import { createTestApp, TestApp } from '../support/test-app';
import { PgServer, RedisReplica, replicationAvailable, startPrimary, startRedisReplica, startStandby } from '../support/replication';
import { eventually } from '../voting/voting-test-kit';
import { Scrape } from './metrics-scrape';

const DB = 'tally_test_replicas';
const ADMIN = { email: 'root@replicas.test', password: 'Replica-admin-pass-9' };
/** The read GET /api/leaderboard makes (no open event: 404), on whichever server the router picks. */
const LEADERBOARD_READ = 'select event_id from events where tenant_id = ';

/**
 * Issue 18, multi-region on real servers: a throw-away PostgreSQL primary with two streaming
 * hot standbys (regions eu and us), Tally on the primary with both as read replicas, and a
 * Redis replica of the local Redis. Which server ran a read is read from the servers' own
 * statement logs. Lag checks are triggered by the test (REPLICA_LAG_CHECK_MS is long).
 */
const describeIfPostgres = replicationAvailable() ? describe : describe.skip;

describeIfPostgres('read replicas, regions, lag and consistency on real PostgreSQL servers', () => {
  let primary: PgServer | undefined;
  let eu: PgServer | undefined;
  let us: PgServer | undefined;
  let redis: RedisReplica | undefined;
  let t: TestApp;
  let monitor: ReplicaLagMonitor;

  const scrape = async (): Promise<Scrape> => new Scrape((await t.http().get('/metrics').expect(200)).text);
  const replicaLabels = (server: PgServer, region: string) => ({ replica: `127.0.0.1:${server.port}`, region });
  const readsOn = (): { primary: number; eu: number; us: number } => ({ primary: primary!.countInLog(LEADERBOARD_READ), eu: eu!.countInLog(LEADERBOARD_READ), us: us!.countInLog(LEADERBOARD_READ) });
  const leaderboard = (headers: Record<string, string> = {}) => {
    let request = t.http().get('/api/leaderboard').set('X-Tenant-Id', 'demo');
    for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
    return request.expect(404);
  };

  beforeAll(async () => {
    primary = await startPrimary({ logStatements: true });
    eu = await startStandby(primary, { logStatements: true });
    us = await startStandby(primary, { logStatements: true });
    redis = await startRedisReplica();
    await primary.query(`create database ${DB}`);
    for (const standby of [eu, us]) await eventually(async () => expect(await standby.query('select 1 as ok', [], DB)).toEqual([{ ok: 1 }]), 30_000);
    t = await createTestApp({
      env: {
        DATABASE_URL: primary.url(DB),
        DATABASE_REPLICA_URLS: `${eu.url(DB)},${us.url(DB)}`,
        DATABASE_REPLICA_REGIONS: 'eu,us',
        REGION: 'eu',
        REPLICA_MAX_LAG_MS: '1000',
        REPLICA_LAG_CHECK_MS: '600000',
        REDIS_URL: 'redis://127.0.0.1:6379/0',
        REDIS_REPLICA_URL: redis.url,
        // Every leaderboard read builds its view (no sharing): the test counts the Redis reads.
        LEADERBOARD_CACHE_MS: '0',
        TALLY_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}`,
        VOTING_REDIS_PREFIX: `tally-test-replicas-${randomUUID()}:`,
      },
    });
    monitor = t.app.get(ReplicaLagMonitor);
  }, 240_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await Promise.all([eu?.stop(), us?.stop(), redis?.stop()]);
    await primary?.stop();
  }, 120_000);

  it('measures each replica’s lag, exports it, and puts replicas within the limit in rotation', async () => {
    await monitor.check();
    const metrics = await scrape();
    for (const [server, region] of [[eu!, 'eu'], [us!, 'us']] as const) {
      expect(metrics.sum('tally_db_replica_lag_seconds', replicaLabels(server, region))).toBe(0);
      expect(metrics.sum('tally_db_replica_in_rotation', replicaLabels(server, region))).toBe(1);
    }
  });

  it("reads from a replica of the request's region; writes and reads naming a position from the primary", async () => {
    await monitor.check();
    const start = readsOn();
    for (let i = 0; i < 3; i++) await leaderboard({ 'X-Tally-Region': 'us' });
    for (let i = 0; i < 2; i++) await leaderboard();
    const afterReads = readsOn();
    expect({ primary: afterReads.primary - start.primary, eu: afterReads.eu - start.eu, us: afterReads.us - start.us }).toEqual({ primary: 0, eu: 2, us: 3 });

    const signup = await t.http().post('/api/auth/signup').set('X-Tenant-Id', 'demo').send({ email: `replica-${randomUUID().slice(0, 8)}@example.com`, password: 'Replica-Horse-9' }).expect(201);
    const position = String(signup.headers['tally-position']);
    expect(position).toBeTruthy();
    await leaderboard({ 'Tally-Position': position, 'X-Tally-Region': 'us' });
    const afterPosition = readsOn();
    expect({ primary: afterPosition.primary - afterReads.primary, eu: afterPosition.eu - afterReads.eu, us: afterPosition.us - afterReads.us }).toEqual({ primary: 1, eu: 0, us: 0 });
  });

  it('takes a replica over REPLICA_MAX_LAG_MS out of rotation (its region reads elsewhere) and back once it catches up', async () => {
    // A commit both replicas have replayed, then eu stops replaying and the primary moves on.
    await primary!.query('create table if not exists lag_probe (at timestamptz)', [], DB);
    const [{ lsn }] = await primary!.query<{ lsn: string }>('insert into lag_probe values (now()) returning pg_current_wal_lsn()::text as lsn', [], DB);
    await eventually(async () => expect((await eu!.query<{ done: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [lsn]))[0].done).toBe(true));
    await eu!.query('select pg_wal_replay_pause()');
    try {
      await primary!.query('insert into lag_probe values (now())', [], DB);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await monitor.check();
      const lagging = await scrape();
      expect(lagging.sum('tally_db_replica_lag_seconds', replicaLabels(eu!, 'eu'))).toBeGreaterThan(1);
      expect(lagging.sum('tally_db_replica_in_rotation', replicaLabels(eu!, 'eu'))).toBe(0);
      expect(lagging.sum('tally_db_replica_in_rotation', replicaLabels(us!, 'us'))).toBe(1);
      const before = readsOn();
      await leaderboard({ 'X-Tally-Region': 'eu' });
      const after = readsOn();
      expect({ eu: after.eu - before.eu, us: after.us - before.us }).toEqual({ eu: 0, us: 1 });
    } finally {
      await eu!.query('select pg_wal_replay_resume()');
    }
    await eventually(async () => {
      await monitor.check();
      expect((await scrape()).sum('tally_db_replica_in_rotation', replicaLabels(eu!, 'eu'))).toBe(1);
    }, 20_000);
  });

  it('compares every replica with the primary at one log position (cross-region consistency check)', async () => {
    const job = t.app.get(ReplicaConsistencyJob);
    const results = await eventually(async () => {
      const compared = await job.run();
      expect(compared.map((result) => result.skipped)).toEqual([null, null]);
      return compared;
    }, 30_000);
    expect(results).toEqual([
      { replica: `127.0.0.1:${eu!.port}`, region: 'eu', mismatches: [], skipped: null },
      { replica: `127.0.0.1:${us!.port}`, region: 'us', mismatches: [], skipped: null },
    ]);
    expect((await scrape()).sum('tally_replica_consistency_mismatches')).toBe(0);
  });

  it('runs a Redis replica of the local Redis, following it (link up)', async () => {
    const info = await redis!.info();
    expect(info.role).toBe('slave');
    expect(info.master_link_status).toBe('up');
  });

  it('reads live rankings from the Redis replica, and from the primary when the request names a position', async () => {
    const call = (method: 'get' | 'post', path: string, token?: string) => {
      const request = t.http()[method](path).set('X-Tenant-Id', 'demo');
      return token ? request.set('Authorization', `Bearer ${token}`) : request;
    };
    const admin = String((await call('post', '/api/auth/login').send(ADMIN).expect(200)).body.accessToken);
    const { eventId } = (await call('post', '/api/events', admin).send({ name: 'Replica show', startDate: '2026-01-01T00:00:00Z', endDate: '2036-01-01T00:00:00Z', voteCap: 10 }).expect(201)).body as { eventId: string };
    for (const name of ['Ada', 'Bob']) await call('post', `/api/events/${eventId}/contestants`, admin).send({ name }).expect(201);
    const opened = await call('post', '/api/admin/events/status', admin).send({ eventId, status: 'open' }).expect(200);
    const position = String(opened.headers['tally-position']);
    const rankingReadsOnReplica = () => redis!.calls('zrevrange');

    // Without a position: the counts come from the replica (once the rankings and the read model have reached it).
    await eventually(async () => {
      const before = await rankingReadsOnReplica();
      const view = await call('get', `/api/leaderboard/event/${eventId}`).expect(200);
      expect((view.body as { items: unknown[] }).items).toHaveLength(2);
      expect((await rankingReadsOnReplica()) - before).toBe(1);
    }, 30_000);
    // Read your writes: a request naming a position reads the primary, never the replica.
    const before = await rankingReadsOnReplica();
    for (let i = 0; i < 3; i++) await call('get', `/api/leaderboard/event/${eventId}`).set('Tally-Position', position).expect(200);
    expect((await rankingReadsOnReplica()) - before).toBe(0);
  });
});
