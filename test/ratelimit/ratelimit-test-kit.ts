import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RuleBook } from '@tally/ratelimit';
import type { LightMyRequestResponse as Response } from 'fastify';
import request from 'supertest';
import { createApp } from '../../apps/api/src/create-app';
import { createTestApp, TestApp } from '../support/test-app';
import { eventually, problemType } from '../voting/voting-test-kit';

export const ADMIN = { email: 'root@ratelimit.test', password: 'Adm1n-pass-long-ratelimit' };
const PASSWORD = 'Voter-Horse-9';
/** The second API process shares these (tokens and sealed secrets must verify in both). */
const SHARED_SECRETS = { JWT_SECRET: 'r'.repeat(40), IDENTITY_PII_HMAC_KEY: 'p'.repeat(40), TALLY_MASTER_KEY: 'm'.repeat(40) };

export type Mode = 'redis' | 'embedded';

export interface RateLimitE2e {
  t: TestApp;
  admin: string;
  organizer: string;
  env: Record<string, string>;
  call(method: 'get' | 'post', path: string, token?: string, body?: object, headers?: Record<string, string>): request.Test;
  /** A request from a given peer address (Fastify inject: the socket address a proxy or client would have). */
  from(remoteAddress: string, path: string, headers?: Record<string, string>, app?: NestFastifyApplication): Promise<Response>;
  signup(): Promise<{ userId: string; token: string }>;
  /** Sets a rule (as the given caller) and waits until the API process (the first, or `app`) applies it — looked at in its RuleBook, so no bucket is counted. */
  setRule(token: string, rule: object, app?: NestFastifyApplication, tenant?: string): Promise<request.Response>;
  /** Another API process (ROLE=api) on the same database and Redis; a small pool, as the shared PostgreSQL has other tests' connections too. */
  secondApi(): Promise<NestFastifyApplication>;
  close(): Promise<void>;
}

/**
 * The whole app with rate limiting on: `redis` on PostgreSQL and Redis (a prefix of its own),
 * `embedded` on PGlite with the in-process buckets. Rules reload every 100 ms and refusals are
 * flushed every 50 ms so a test sees them quickly; TRUST_PROXY trusts 10.0.0.0/8 only.
 */
export async function startRateLimitE2e(mode: Mode): Promise<RateLimitE2e> {
  const env: Record<string, string> = {
    TALLY_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}`,
    ...SHARED_SECRETS,
    BCRYPT_COST: '4',
    PROJECTIONS_POLL_MS: '20',
    RATE_LIMITS_ENABLED: 'true',
    RATE_LIMIT_RULES_REFRESH_MS: '100',
    RATE_LIMIT_ATTEMPTS_FLUSH_MS: '50',
    TRUST_PROXY: '10.0.0.0/8',
    ...(mode === 'redis' ? { REDIS_URL: 'redis://127.0.0.1:6379/0', RATE_LIMIT_REDIS_PREFIX: `test:rl:${randomUUID()}:` } : {}),
  };
  const t = await createTestApp({ env, database: mode === 'redis' ? 'postgres' : 'pglite' });
  const extra: NestFastifyApplication[] = [];
  const call: RateLimitE2e['call'] = (method, path, token, body, headers = {}) => {
    let req = t.http()[method](path).set('X-Tenant-Id', 'demo');
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    return body ? req.send(body) : req;
  };
  const login = async (email: string, password: string): Promise<string> => {
    const res = await call('post', '/api/auth/login', undefined, { email, password });
    if (res.status !== 200) throw new Error(`login ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { accessToken: string }).accessToken;
  };
  const signup = async (): Promise<{ userId: string; token: string; email: string }> => {
    const email = `u-${randomUUID().slice(0, 8)}@ratelimit.test`;
    const res = await call('post', '/api/auth/signup', undefined, { email, password: PASSWORD });
    if (res.status !== 201) throw new Error(`signup ${res.status} ${JSON.stringify(res.body)}`);
    return { userId: (res.body as { userId: string }).userId, email, token: await login(email, PASSWORD) };
  };
  const admin = await login(ADMIN.email, ADMIN.password);
  const org = await signup();
  const granted = await t.http().put(`/api/users/${org.userId}/roles`).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${admin}`).send({ roles: ['organizer'] });
  if (granted.status !== 200) throw new Error(`roles ${granted.status} ${JSON.stringify(granted.body)}`);
  const organizer = await login(org.email, PASSWORD);

  const from: RateLimitE2e['from'] = (remoteAddress, path, headers = {}, app = t.app) =>
    app.getHttpAdapter().getInstance().inject({ method: 'GET', url: path, remoteAddress, headers: { 'x-tenant-id': 'demo', ...headers } });

  const kit: RateLimitE2e = {
    t,
    admin,
    organizer,
    env,
    call,
    from,
    signup,
    setRule: async (token, rule, app = t.app, tenant = t.tenantId) => {
      const res = await call('post', '/api/ratelimit/rules', token, rule);
      if (res.status !== 200) return res;
      const { ruleId, limit, enabled } = res.body as { ruleId: string; limit: number; enabled: boolean };
      const book = app.get(RuleBook);
      await eventually(async () => {
        const applied = book.rulesOf(tenant).find((candidate) => candidate.ruleId === ruleId);
        if (enabled === false ? applied !== undefined : applied?.limit !== limit) throw new Error(`rule ${ruleId} not applied yet`);
      });
      return res;
    },
    secondApi: async () => {
      const app = await createApp({ env: { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: t.database.url, DATA_DIR: `${process.env.TMPDIR ?? '/tmp'}`, TALLY_DEFAULT_TENANT: 'demo', ...env, ROLE: 'api', DATABASE_POOL_SIZE: '3' } });
      await app.getHttpAdapter().getInstance().ready();
      extra.push(app);
      return app;
    },
    close: async () => {
      for (const app of extra) await app.close();
      await t.close();
    },
  };
  return kit;
}

// Rule caches follow the log within a moment too: the voting kit's retry serves.
export { eventually, problemType };
