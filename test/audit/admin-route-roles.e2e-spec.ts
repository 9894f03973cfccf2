import { randomUUID } from 'node:crypto';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { ADMIN, eventually, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/**
 * Issue 17's role checks for the admin routes no other e2e refuses both ways: a voter gets 403, an
 * organizer naming another tenant's user, event or tenant gets 404, and the refusal changes
 * nothing there; the platform admin acts across tenants.
 */
describe('admin routes: voter 403, another tenant 404, platform admin across tenants', () => {
  let k: VotingE2e;
  let pool: Pool;
  let admin: string;
  let voter: { userId: string; token: string };
  let other: { tenantId: string; userId: string; email: string; eventId: string };
  const OTHER = 'roles-other';
  const asAdminInOther = (method: 'get' | 'post', path: string, body?: object) => {
    const req = k.t.http()[method](path).set('X-Tenant-Id', OTHER).set('Authorization', `Bearer ${admin}`);
    return body ? req.send(body) : req;
  };

  beforeAll(async () => {
    k = await startVotingE2e();
    pool = k.t.app.get<Pool>(PG_POOL);
    admin = (await k.call('post', '/api/auth/login', undefined, ADMIN)).body.accessToken as string;
    voter = await k.voter();
    const tenant = await k.call('post', '/api/tenants', admin, { name: 'Roles Other', slug: OTHER, domain: 'vote.roles-other.example' });
    expect(tenant.status).toBe(201);
    const email = `u-${randomUUID().slice(0, 8)}@roles.test`;
    const user = await k.t.http().post('/api/auth/signup').set('X-Tenant-Id', OTHER).send({ email, password: 'Voter-Horse-9' });
    expect(user.status).toBe(201);
    const event = await asAdminInOther('post', '/api/events', { name: 'Other', startDate: '2026-02-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z', voteCap: 5 });
    expect(event.status).toBe(201);
    other = { tenantId: tenant.body.tenantId as string, userId: user.body.userId as string, email, eventId: event.body.eventId as string };
  });

  afterAll(async () => {
    await k?.close();
  });

  const routes = (): { name: string; method: 'get' | 'post'; own: () => [string, object?]; foreign: () => [string, object?] }[] => [
    {
      name: 'POST /api/admin/users/block',
      method: 'post',
      own: () => ['/api/admin/users/block', { userId: voter.userId, reason: 'abuse' }],
      foreign: () => ['/api/admin/users/block', { userId: other.userId, reason: 'abuse' }],
    },
    {
      name: 'POST /api/admin/events/status',
      method: 'post',
      own: () => ['/api/admin/events/status', { eventId: other.eventId, status: 'open' }],
      foreign: () => ['/api/admin/events/status', { eventId: other.eventId, status: 'open' }],
    },
    {
      name: 'POST /api/admin/credits/grant',
      method: 'post',
      own: () => ['/api/admin/credits/grant', { userId: voter.userId, credits: 5, reason: 'promo' }],
      foreign: () => ['/api/admin/credits/grant', { userId: other.userId, credits: 5, reason: 'promo' }],
    },
    { name: 'GET /api/tenants/{id}', method: 'get', own: () => [`/api/tenants/${k.t.tenantId}`], foreign: () => [`/api/tenants/${other.tenantId}`] },
    {
      name: 'POST /api/tenants/{id}/config',
      method: 'post',
      own: () => [`/api/tenants/${k.t.tenantId}/config`, { settings: { bannedTerms: 'x' } }],
      foreign: () => [`/api/tenants/${other.tenantId}/config`, { settings: { bannedTerms: 'x' } }],
    },
  ];

  it('refuses a voter with 403 problem+json on each', async () => {
    for (const route of routes()) {
      const [path, body] = route.own();
      const res = await k.call(route.method, path, voter.token, body);
      expect({ route: route.name, status: res.status, type: res.headers['content-type'] }).toEqual({ route: route.name, status: 403, type: expect.stringContaining('application/problem+json') });
    }
  });

  it("answers an organizer 404 for another tenant's user, event or tenant, and changes nothing there", async () => {
    for (const route of routes()) {
      const [path, body] = route.foreign();
      const res = await k.call(route.method, path, k.organizer, body);
      expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: 404 });
    }
    const event = await asAdminInOther('get', `/api/events/${other.eventId}`);
    expect(event.body.status).toBe('draft');
    const tenant = await asAdminInOther('get', `/api/tenants/${other.tenantId}`);
    expect(tenant.status).toBe(200);
    expect(JSON.stringify(tenant.body)).not.toContain('bannedTerms');
    // The other tenant's user was neither blocked nor credited: it still signs in and its ledger is empty.
    const login = await k.t.http().post('/api/auth/login').set('X-Tenant-Id', OTHER).send({ email: other.email, password: 'Voter-Horse-9' });
    expect(login.status).toBe(200);
    const ledger = await k.t.http().get('/api/votes/ledger').set('X-Tenant-Id', OTHER).set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.items).toEqual([]);
  });

  it('lets the platform admin act in another tenant', async () => {
    expect((await asAdminInOther('get', `/api/tenants/${other.tenantId}`)).status).toBe(200);
    expect((await asAdminInOther('post', '/api/admin/events/status', { eventId: other.eventId, status: 'open' })).status).toBe(200);
    expect((await asAdminInOther('post', '/api/admin/credits/grant', { userId: other.userId, credits: 2, reason: 'promo' })).status).toBe(201);
    // Both are admin acts of that tenant (a staff grant is one; a purchase's grant is not).
    await eventually(async () => {
      const { rows } = await pool.query(`select action from admin_actions where tenant_id = $1 and action in ('ContestStatusChanged', 'CreditsGranted') order by action`, [other.tenantId]);
      expect(rows.map((row: { action: string }) => row.action)).toEqual(['ContestStatusChanged', 'CreditsGranted']);
    });
  });
});
