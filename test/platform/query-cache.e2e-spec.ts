import { randomBytes, randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import request from 'supertest';
import { createApp } from '../../apps/api/src/create-app';
import { ADMIN } from '../identity/identity-test-kit';
import { createTestApp, TestApp } from '../support/test-app';
import { freePort } from '../support/replication';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';

/** docs/scaling.md "Query result cache": a change is seen by every API process within this of its commit. */
const BOUND_MS = 1_000;
const PREFIX = `tally-test-qc-e2e-${randomUUID()}:`;

type Response = Awaited<ReturnType<ReturnType<typeof request>['get']>>;

/**
 * Two API processes of one deployment — two Nest apps in this test, on one PostgreSQL database and
 * one Redis (through a TCP proxy, so that Redis can be taken away and given back): A runs the
 * projections and reactors (ROLE=all), B only serves HTTP (ROLE=api). A tenant's record is in
 * the query cache of both; a change made through one is read through the other within the bound,
 * and with Redis gone both answer from the database, with the change, and never an error.
 */
describe('query result cache across two API processes', () => {
  let a: TestApp;
  let b: NestFastifyApplication;
  let redis: TcpProxy;
  let admin: string;

  beforeAll(async () => {
    redis = await startTcpProxy(6379);
    const shared = {
      REDIS_URL: `redis://127.0.0.1:${redis.port}/0`,
      QUERY_CACHE_REDIS_PREFIX: PREFIX,
      VOTING_REDIS_PREFIX: PREFIX,
      FRAUD_REDIS_PREFIX: PREFIX,
      RATE_LIMIT_REDIS_PREFIX: `${PREFIX}rl:`,
      // One deployment: both processes accept each other's tokens and read each other's sealed data.
      JWT_SECRET: randomBytes(32).toString('base64url'),
      IDENTITY_PII_HMAC_KEY: randomBytes(32).toString('base64url'),
      TALLY_MASTER_KEY: randomBytes(32).toString('base64url'),
      BCRYPT_COST: '4',
      // Suspensions must reach the other process by the cache's invalidation, not by this poll of the read model.
      TENANCY_STATUS_REFRESH_MS: '600000',
    };
    a = await createTestApp({ database: 'postgres', env: { ...shared, TALLY_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}` } });
    b = await createApp({
      env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: a.database.url, DATA_DIR: `${process.env.TMPDIR ?? '/tmp'}`, TALLY_DEFAULT_TENANT: 'demo', RATE_LIMITS_ENABLED: 'false', ...shared, ROLE: 'api', DATABASE_POOL_SIZE: '3' },
    });
    await b.getHttpAdapter().getInstance().ready();
    const login = await request(a.app.getHttpServer()).post('/api/auth/login').set('X-Tenant-Id', 'demo').send(ADMIN);
    expect(login.status).toBe(200);
    admin = (login.body as { accessToken: string }).accessToken;
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await redis?.close();
    const client = new Redis('redis://127.0.0.1:6379/0');
    const keys = await client.keys(`${PREFIX}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  });

  const serverOf = (via: 'A' | 'B'): Parameters<typeof request>[0] => (via === 'A' ? a.app.getHttpServer() : b.getHttpServer());
  const readTenant = (via: 'A' | 'B'): Promise<Response> => request(serverOf(via)).get(`/api/tenants/${a.tenantId}`).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${admin}`);
  const setOtpTtl = (via: 'A' | 'B', seconds: number): Promise<Response> =>
    request(serverOf(via)).post(`/api/tenants/${a.tenantId}/config`).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${admin}`).send({ settings: { otpTtlSeconds: seconds } });

  /** Reads through `via` until the tenant shows `seconds`; every answer must be a 200. Returns how long it took. */
  async function seen(via: 'A' | 'B', seconds: number, boundMs: number): Promise<number> {
    const started = performance.now();
    for (;;) {
      const read = await readTenant(via);
      expect(read.status).toBe(200);
      const elapsed = performance.now() - started;
      if ((read.body as { settings: { otpTtlSeconds?: number } }).settings.otpTtlSeconds === seconds) return elapsed;
      if (elapsed > boundMs) throw new Error(`${via} still shows ${JSON.stringify(read.body.settings)} ${Math.round(elapsed)} ms after the change to ${seconds}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it(`shows a change made through one process in the other within ${BOUND_MS} ms, both ways`, async () => {
    for (const via of ['A', 'B', 'A', 'B'] as const) expect((await readTenant(via)).body.settings).toEqual({});
    expect(await storedInRedis()).toBe(true);

    expect((await setOtpTtl('B', 60)).status).toBe(200);
    expect(await seen('A', 60, BOUND_MS)).toBeLessThan(BOUND_MS);
    expect(await seen('B', 60, BOUND_MS)).toBeLessThan(BOUND_MS);

    expect((await setOtpTtl('A', 90)).status).toBe(200);
    expect(await seen('B', 90, BOUND_MS)).toBeLessThan(BOUND_MS);
  });

  it(`shows a contest page edited through one process in the other within ${BOUND_MS} ms, both ways`, async () => {
    const call = (via: 'A' | 'B', method: 'get' | 'post' | 'patch', path: string, body?: object): Promise<Response> => {
      const pending = request(serverOf(via))[method](path).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${admin}`);
      return body ? pending.send(body) : pending;
    };
    const created = await call('A', 'post', '/api/events', { name: 'Cached final', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 10 });
    expect(created.status).toBe(201);
    const page = `/api/events/${(created.body as { eventId: string }).eventId}`;
    for (const via of ['A', 'B', 'A', 'B'] as const) expect((await call(via, 'get', page)).body.name).toBe('Cached final');
    const shows = async (via: 'A' | 'B', name: string): Promise<number> => {
      const started = performance.now();
      for (;;) {
        const read = await call(via, 'get', page);
        expect(read.status).toBe(200);
        const elapsed = performance.now() - started;
        if ((read.body as { name: string }).name === name) return elapsed;
        if (elapsed > BOUND_MS) throw new Error(`${via} still shows "${read.body.name}" ${Math.round(elapsed)} ms after the edit`);
      }
    };
    expect((await call('B', 'patch', page, { name: 'Renamed through B' })).status).toBe(200);
    expect(await shows('A', 'Renamed through B')).toBeLessThan(BOUND_MS);
    expect((await call('A', 'patch', page, { name: 'Renamed through A' })).status).toBe(200);
    expect(await shows('B', 'Renamed through A')).toBeLessThan(BOUND_MS);
  });

  it(`refuses a suspended tenant's writes in the other process within ${BOUND_MS} ms, and takes them again once it is active`, async () => {
    const setStatus = (via: 'A' | 'B', status: 'active' | 'suspended'): Promise<Response> =>
      request(serverOf(via)).post(`/api/tenants/${a.tenantId}/status`).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${admin}`).send({ status, reason: 'cache e2e' });
    /** Writes through `via` until one answers `status`; the time it took. */
    const writesAnswer = async (via: 'A' | 'B', status: number): Promise<number> => {
      const started = performance.now();
      for (;;) {
        const write = await setOtpTtl(via, 90);
        const elapsed = performance.now() - started;
        if (write.status === status) return elapsed;
        if (elapsed > BOUND_MS) throw new Error(`${via} still answers ${write.status} ${Math.round(elapsed)} ms after the status change`);
      }
    };
    expect((await setStatus('B', 'suspended')).status).toBe(200);
    expect(await writesAnswer('A', 403)).toBeLessThan(BOUND_MS);
    expect((await setStatus('A', 'active')).status).toBe(200);
    expect(await writesAnswer('B', 200)).toBeLessThan(BOUND_MS);
  });

  it('answers from the database while Redis is gone, with the change, and serves nothing stale when it is back', async () => {
    for (const via of ['A', 'B', 'A', 'B'] as const) expect((await readTenant(via)).body.settings).toEqual({ otpTtlSeconds: 90 });

    // A port nothing listens on: Redis is gone for every connection, open or new.
    redis.retarget(await freePort());
    expect((await setOtpTtl('B', 120)).status).toBe(200);
    await seen('A', 120, BOUND_MS);
    await seen('B', 120, BOUND_MS);

    redis.retarget(6379);
    // Both reconnect (ioredis backs off up to 2 s) and B re-sends the invalidation Redis missed;
    // meanwhile and after, every read answers 200 with the change.
    const until = performance.now() + 4_000;
    while (performance.now() < until) {
      await seen('A', 120, 0);
      await seen('B', 120, 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // And the cache is in use again.
    expect(await storedInRedis()).toBe(true);
  });
});

/** Whether the demo tenant's record is in Redis (key layout: docs/scaling.md "Query result cache"). */
async function storedInRedis(): Promise<boolean> {
  const client = new Redis('redis://127.0.0.1:6379/0');
  try {
    return (await client.keys(`${PREFIX}v:tenancy.tenant-state:tenant-platform.*`)).length === 1;
  } finally {
    await client.quit();
  }
}
