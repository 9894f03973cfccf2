import { randomUUID } from 'node:crypto';
import { ManualClock, TestDatabaseKind } from '@tally/platform';
import { createTestApp, TestApp } from '../support/test-app';

export const ORGANIZER_PASSWORD = 'Organizer-Horse-9';
export const ADMIN = { email: 'root@voting.test', password: 'Adm1n-pass-long-voting' };

export interface VotingE2e {
  t: TestApp;
  clock: ManualClock;
  organizer: string;
  call(method: 'get' | 'post' | 'delete' | 'patch', path: string, token?: string, body?: object, headers?: Record<string, string>): Promise<import('supertest').Response>;
  /** Signs a new voter up (identity's HTTP API) and logs them in. */
  voter(): Promise<{ userId: string; token: string; email: string }>;
  login(email: string): Promise<string>;
  /** Grants credits as the organizer; resolves to the grant's log position (Tally-Position). */
  grant(userId: string, credits: number): Promise<string>;
  /** An open event with contestants (names) in the default window around the clock. */
  openEvent(options: { voteCap?: number; settings?: object; contestants?: string[]; status?: 'open' | 'draft' }): Promise<{ eventId: string; contestants: string[] }>;
  vote(token: string, contestantId: string, amount: number, key?: string): Promise<import('supertest').Response>;
  close(): Promise<void>;
}

/**
 * The whole app over HTTP, an organizer (made by the bootstrap platform admin) and helpers for
 * voters; on PostgreSQL when it answers, else PGlite, unless `database` names one.
 */
export async function startVotingE2e(env: Record<string, string> = {}, database?: TestDatabaseKind): Promise<VotingE2e> {
  const clock = new ManualClock('2026-03-01T12:00:00.000Z');
  const t = await createTestApp({
    clock,
    database,
    env: {
      TALLY_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}`,
      JWT_SECRET: 'v'.repeat(40),
      BCRYPT_COST: '4',
      PROJECTIONS_POLL_MS: '20',
      LEADERBOARD_RECALC_INTERVAL_MS: '3600000',
      CONTEST_SCHEDULE_INTERVAL_MS: '3600000',
      ...env,
    },
  });
  const call: VotingE2e['call'] = (method, path, token, body, headers = {}) => {
    let req = t.http()[method](path).set('X-Tenant-Id', 'demo');
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    return body ? req.send(body) : req;
  };
  const signup = async (email: string, password: string) => {
    const res = await call('post', '/api/auth/signup', undefined, { email, password });
    if (res.status !== 201) throw new Error(`signup ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { userId: string }).userId;
  };
  const login = async (email: string, password: string) => {
    const res = await call('post', '/api/auth/login', undefined, { email, password });
    if (res.status !== 200) throw new Error(`login ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { accessToken: string }).accessToken;
  };
  const admin = await login(ADMIN.email, ADMIN.password);
  const organizerEmail = `org-${randomUUID().slice(0, 8)}@voting.test`;
  const organizerId = await signup(organizerEmail, ORGANIZER_PASSWORD);
  const roles = await t.http().put(`/api/users/${organizerId}/roles`).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${admin}`).send({ roles: ['organizer'] });
  if (roles.status !== 200) throw new Error(`roles ${roles.status} ${JSON.stringify(roles.body)}`);
  const organizer = await login(organizerEmail, ORGANIZER_PASSWORD);

  const kit: VotingE2e = {
    t,
    clock,
    organizer,
    call,
    voter: async () => {
      const email = `voter-${randomUUID().slice(0, 8)}@voting.test`;
      const userId = await signup(email, 'Voter-Horse-9');
      return { userId, email, token: await login(email, 'Voter-Horse-9') };
    },
    login: (email) => login(email, 'Voter-Horse-9'),
    grant: async (userId, credits) => {
      const res = await call('post', '/api/admin/credits/grant', organizer, { userId, credits, reason: 'test' });
      if (res.status !== 201) throw new Error(`grant ${res.status} ${JSON.stringify(res.body)}`);
      const position: unknown = res.headers['tally-position'];
      if (typeof position !== 'string') throw new Error('grant answered without a Tally-Position');
      return position;
    },
    openEvent: async ({ voteCap = 100, settings, contestants = ['Ada', 'Bob', 'Cy'], status = 'open' }) => {
      const created = await call('post', '/api/events', organizer, { name: `Show ${randomUUID().slice(0, 6)}`, startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap, settings });
      if (created.status !== 201) throw new Error(`create ${created.status} ${JSON.stringify(created.body)}`);
      const eventId = (created.body as { eventId: string }).eventId;
      const ids: string[] = [];
      for (const name of contestants) ids.push(((await call('post', `/api/events/${eventId}/contestants`, organizer, { name })).body as { contestantId: string }).contestantId);
      if (status === 'open') {
        const opened = await call('post', '/api/admin/events/status', organizer, { eventId, status: 'open' });
        if (opened.status !== 200) throw new Error(`open ${opened.status} ${JSON.stringify(opened.body)}`);
      }
      return { eventId, contestants: ids };
    },
    vote: (token, contestantId, amount, key = randomUUID()) => call('post', '/api/votes', token, { contestantId, amount }, { 'Idempotency-Key': key }),
    close: () => t.close(),
  };
  return kit;
}

/** Retries an assertion until it holds (read models follow the log within a moment). */
export async function eventually<T>(probe: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  }
}

export const problemType = (slug: string): string => `https://tally.dev/problems/${slug}`;
