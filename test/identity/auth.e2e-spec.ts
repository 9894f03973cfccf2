import { createHmac } from 'node:crypto';
import { ManualClock, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { createTestApp, TestApp } from '../support/test-app';
import { ADMIN, api, FAST_IDENTITY_ENV, waitFor } from './identity-test-kit';

describe('auth over HTTP: sign-up, login, sessions, roles, tenants', () => {
  let t: TestApp;
  let demo: ReturnType<typeof api>;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...FAST_IDENTITY_ENV, TALLY_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}`, JWT_SECRET: 's'.repeat(40) } });
    demo = api(t);
  });
  afterAll(async () => t?.close());

  describe('sign-up', () => {
    it('creates a user (201) and refuses the same email again, whatever its case (409)', async () => {
      const res = await demo.post('/api/auth/signup', { email: 'ada@example.com', password: 'Correct-Horse-9', phone: '+14155552671' });
      expect(res.status).toBe(201);
      expect(res.body.userId).toMatch(/^[0-9a-f-]{36}$/);
      const again = await demo.post('/api/auth/signup', { email: 'ADA@Example.com', password: 'Another-Horse-9' });
      expect(again.status).toBe(409);
      expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(again.body).toMatchObject({ type: 'https://tally.dev/problems/email-taken', status: 409 });
    });

    it('lets only one of many concurrent sign-ups with one email through', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => demo.post('/api/auth/signup', { email: 'race@example.com', password: `Race-Horse-${i}9` })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    });

    it('accepts 64 characters and refuses 65 with a 422 naming the field, never truncating', async () => {
      expect((await demo.post('/api/auth/signup', { email: 'long64@example.com', password: 'p'.repeat(63) + '9' })).status).toBe(201);
      const tooLong = await demo.post('/api/auth/signup', { email: 'long65@example.com', password: 'p'.repeat(65) });
      expect(tooLong.status).toBe(422);
      expect(tooLong.body.errors).toEqual([{ field: 'password', message: expect.stringContaining('at most 64 characters') }]);
      // Same first 64 characters: a truncating hash would accept it.
      expect((await demo.post('/api/auth/login', { email: 'long64@example.com', password: 'p'.repeat(63) + '9' + 'x' })).status).toBe(401);
    });

    it('refuses short and common breached passwords, and malformed phones (422)', async () => {
      const short = await demo.post('/api/auth/signup', { email: 'short@example.com', password: 'abc' });
      expect(short.status).toBe(422);
      expect(short.body.errors[0].field).toBe('password');
      const common = await demo.post('/api/auth/signup', { email: 'common@example.com', password: 'iloveyou' });
      expect(common.status).toBe(422);
      expect(common.body).toMatchObject({ type: 'https://tally.dev/problems/weak-password', errors: [{ field: 'password' }] });
      const phone = await demo.post('/api/auth/signup', { email: 'phone@example.com', password: 'Correct-Horse-9', phone: '4155552671' });
      expect(phone.status).toBe(422);
      expect(phone.body.errors[0].field).toBe('phone');
      const email = await demo.post('/api/auth/signup', { email: 'not-an-email', password: 'Correct-Horse-9' });
      expect(email.status).toBe(422);
    });

    it('stores no email or phone in clear: events and read models hold envelopes and keyed hashes', async () => {
      const pool = t.app.get<Pool>(PG_POOL);
      const events = await pool.query(`select data::text as data from es_events where stream_id like 'user-%'`);
      expect(events.rows.length).toBeGreaterThan(0);
      expect(events.rows.some((r: { data: string }) => r.data.includes('ada@example.com') || r.data.includes('4155552671'))).toBe(false);
      const row = await waitFor(async () => (await pool.query(`select email::text as email from users where email is not null limit 1`)).rows[0] as { email: string } | undefined);
      expect(row.email).toMatch(/"kid"/);
      const ids = await pool.query(`select stream_id from es_streams where stream_id like 'emailclaim-%'`);
      expect(ids.rows.every((r: { stream_id: string }) => !r.stream_id.includes('@'))).toBe(true);
    });
  });

  describe('login and tokens', () => {
    it('answers a token pair for the right password and 401 otherwise', async () => {
      const res = await demo.post('/api/auth/login', { email: 'ada@example.com', password: 'Correct-Horse-9' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.stringMatching(/^rt\./), expiresIn: 900 });
      const [header, payload] = (res.body.accessToken as string).split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
      expect(header).toEqual({ alg: 'HS256', typ: 'at+jwt' });
      expect(payload).toMatchObject({ iss: 'tally', aud: 'tally-api', tid: t.tenantId, roles: ['voter'] });
      expect(Number(payload.exp) - Number(payload.iat)).toBe(900);
      expect((await demo.post('/api/auth/login', { email: 'ada@example.com', password: 'Wrong-Horse-9' })).status).toBe(401);
      expect((await demo.post('/api/auth/login', { email: 'nobody@example.com', password: 'Wrong-Horse-9' })).status).toBe(401);
    });

    it('refuses requests without a token, with a forged, tampered, none-signed or expired one (401)', async () => {
      const { accessToken } = await demo.login('ada@example.com');
      expect((await demo.get('/api/users/me', accessToken)).status).toBe(200);
      expect((await demo.get('/api/users/me')).status).toBe(401);
      const [h, p, s] = accessToken.split('.');
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, roles: ['platform_admin'] })).toString('base64url')}.${s}`;
      expect((await demo.get('/api/users/me', tampered)).status).toBe(401);
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${p}.`;
      expect((await demo.get('/api/users/me', none)).status).toBe(401);
      const otherKey = createHmac('sha256', 'x'.repeat(40)).update(`${h}.${p}`).digest('base64url');
      expect((await demo.get('/api/users/me', `${h}.${p}.${otherKey}`)).status).toBe(401);
      const problem = await demo.get('/api/users/me', tampered);
      expect(problem.body).toMatchObject({ type: 'https://tally.dev/problems/unauthenticated', status: 401 });
      clock.advance(901_000);
      try {
        expect((await demo.get('/api/users/me', accessToken)).status).toBe(401);
      } finally {
        clock.advance(-901_000);
      }
    });

    it('locks an account after 5 failed logins (429 with Retry-After, even with the right password) until the lockout ends', async () => {
      await demo.signup('locked@example.com');
      for (let i = 0; i < 5; i++) expect((await demo.post('/api/auth/login', { email: 'locked@example.com', password: 'Wrong-Horse-9' })).status).toBe(401);
      const locked = await demo.post('/api/auth/login', { email: 'locked@example.com', password: 'Correct-Horse-9' });
      expect(locked.status).toBe(429);
      expect(locked.body.type).toBe('https://tally.dev/problems/login-locked');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
      clock.advance(15 * 60_000 + 1000);
      expect((await demo.post('/api/auth/login', { email: 'locked@example.com', password: 'Correct-Horse-9' })).status).toBe(200);
      const pool = t.app.get<Pool>(PG_POOL);
      const audit = await pool.query(`select event_type from es_events where event_type in ('LoginFailed', 'LoginLockedOut') order by global_position`);
      expect(audit.rows.filter((r: { event_type: string }) => r.event_type === 'LoginLockedOut').length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('refresh and logout', () => {
    it('rotates refresh tokens; a refresh token used twice revokes the whole session', async () => {
      const first = await demo.login('ada@example.com');
      const second = await demo.post('/api/auth/refresh', { refreshToken: first.refreshToken });
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await demo.get('/api/users/me', second.body.accessToken)).status).toBe(200);

      const reuse = await demo.post('/api/auth/refresh', { refreshToken: first.refreshToken });
      expect(reuse.status).toBe(401);
      expect(reuse.body.type).toBe('https://tally.dev/problems/refresh-token-reused');
      // The family is gone: the newest refresh token and the access tokens of the session too.
      expect((await demo.post('/api/auth/refresh', { refreshToken: second.body.refreshToken })).status).toBe(401);
      expect((await demo.get('/api/users/me', second.body.accessToken)).status).toBe(401);
      expect((await demo.get('/api/users/me', first.accessToken)).status).toBe(401);
      // Other sessions of the same user are untouched.
      expect((await demo.get('/api/users/me', (await demo.login('ada@example.com')).accessToken)).status).toBe(200);
    });

    it('lets only one of two concurrent refreshes with the same token win, and the loser revokes the session', async () => {
      const pair = await demo.login('ada@example.com');
      const [a, b] = await Promise.all([demo.post('/api/auth/refresh', { refreshToken: pair.refreshToken }), demo.post('/api/auth/refresh', { refreshToken: pair.refreshToken })]);
      expect([a.status, b.status].sort()).toEqual([200, 401]);
    });

    it('refuses a logged-out access token at once, and its refresh token', async () => {
      const pair = await demo.login('ada@example.com');
      expect((await demo.get('/api/users/me', pair.accessToken)).status).toBe(200);
      expect((await demo.post('/api/auth/logout', {}, pair.accessToken)).status).toBe(204);
      const after = await demo.get('/api/users/me', pair.accessToken);
      expect(after.status).toBe(401);
      expect((await demo.post('/api/auth/refresh', { refreshToken: pair.refreshToken })).status).toBe(401);
      expect((await demo.post('/api/auth/logout', {}, pair.accessToken)).status).toBe(401);
      const pool = t.app.get<Pool>(PG_POOL);
      const claims = JSON.parse(Buffer.from(pair.accessToken.split('.')[1], 'base64url').toString());
      await waitFor(async () => (await pool.query(`select revoke_reason from sessions where session_id = $1 and revoked_at is not null`, [claims.sid])).rows[0] as object | undefined);
    });
  });

  describe('roles, admin and tenants', () => {
    let admin: { accessToken: string };
    let gala: ReturnType<typeof api>;

    beforeAll(async () => {
      admin = await demo.login(ADMIN.email, ADMIN.password);
      const created = await demo.post('/api/tenants', { name: 'Gala Awards', slug: 'gala' }, admin.accessToken);
      expect(created.status).toBe(201);
      gala = api(t, 'gala');
    });

    it('bootstraps the platform admin from TALLY_BOOTSTRAP_ADMIN, who alone creates tenants', async () => {
      const me = await demo.get('/api/users/me', admin.accessToken);
      expect(me.body.roles).toEqual(expect.arrayContaining(['platform_admin']));
      const voter = await demo.login('ada@example.com');
      const refused = await demo.post('/api/tenants', { name: 'Nope', slug: 'nope' }, voter.accessToken);
      expect(refused.status).toBe(403);
      expect((await demo.post('/api/tenants', { name: 'Nope', slug: 'nope' })).status).toBe(401);
    });

    it('refuses a token from tenant A on tenant B (401), while a platform admin may act in any tenant', async () => {
      const demoVoter = await demo.login('ada@example.com');
      expect((await gala.get('/api/users/me', demoVoter.accessToken)).status).toBe(401);
      await gala.signup('gala-voter@example.com');
      const galaVoter = await gala.login('gala-voter@example.com');
      expect((await gala.get('/api/users/me', galaVoter.accessToken)).status).toBe(200);
      expect((await demo.get('/api/users/me', galaVoter.accessToken)).status).toBe(401);
      // Emails are per tenant: the same address may sign up in both.
      expect((await gala.post('/api/auth/signup', { email: 'ada@example.com', password: 'Correct-Horse-9' })).status).toBe(201);
      expect((await gala.get('/api/users/me', admin.accessToken)).status).toBe(200);
    });

    it('lets organizers manage roles, refuses voters (403), and keeps platform_admin to platform admins', async () => {
      const userId = await demo.signup('judge@example.com');
      const voter = await demo.login('ada@example.com');
      expect((await demo.put(`/api/users/${userId}/roles`, { roles: ['judge'] }, voter.accessToken)).status).toBe(403);
      const organizerId = await demo.signup('org@example.com');
      expect((await demo.put(`/api/users/${organizerId}/roles`, { roles: ['organizer'] }, admin.accessToken)).body).toEqual({ roles: ['organizer'] });
      const organizer = await demo.login('org@example.com');
      expect((await demo.put(`/api/users/${userId}/roles`, { roles: ['judge', 'voter'] }, organizer.accessToken)).body).toEqual({ roles: ['judge', 'voter'] });
      const escalate = await demo.put(`/api/users/${userId}/roles`, { roles: ['platform_admin'] }, organizer.accessToken);
      expect(escalate.status).toBe(403);
      expect((await demo.put(`/api/users/${userId}/roles`, { roles: ['wizard'] }, organizer.accessToken)).status).toBe(422);
      const judge = await demo.login('judge@example.com');
      const claims = JSON.parse(Buffer.from(judge.accessToken.split('.')[1], 'base64url').toString());
      expect(claims.roles).toEqual(['judge', 'voter']);
      expect((await demo.get(`/api/users/${userId}`, organizer.accessToken)).body).toMatchObject({ email: 'judge@example.com', roles: ['judge', 'voter'] });
      expect((await demo.get(`/api/users/${userId}`, voter.accessToken)).status).toBe(403);
    });

    it('blocking a user revokes all their sessions at once and refuses their logins', async () => {
      const userId = await demo.signup('blocked@example.com');
      const a = await demo.login('blocked@example.com');
      const b = await demo.login('blocked@example.com');
      const res = await demo.post('/api/admin/users/block', { userId, reason: 'fraud' }, admin.accessToken);
      expect(res.status).toBe(200);
      expect((await demo.get('/api/users/me', a.accessToken)).status).toBe(401);
      expect((await demo.get('/api/users/me', b.accessToken)).status).toBe(401);
      expect((await demo.post('/api/auth/refresh', { refreshToken: b.refreshToken })).status).toBe(401);
      expect((await demo.post('/api/auth/login', { email: 'blocked@example.com', password: 'Correct-Horse-9' })).status).toBe(403);
    });
  });
});
