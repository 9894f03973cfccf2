import { createTestApp, TestApp } from '../support/test-app';

/**
 * CSRF: auth is bearer-only, and a state-changing request carrying cookies without a bearer
 * token is refused before any handler runs (docs/security.md "CSRF").
 */
describe('cookie-based auth refused on state-changing routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const signup = { email: 'csrf@example.com', password: 'Correct-Horse-9' };

  it('a POST with a Cookie header and no bearer gets 403 cookie-auth-refused as problem+json, and changes nothing', async () => {
    const refused = await Promise.all(
      Array.from({ length: 10 }, () => t.http().post('/api/auth/signup').set('X-Tenant-Id', 'demo').set('Cookie', 'session=stolen; theme=dark').send(signup)),
    );
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 403, type: expect.stringContaining('cookie-auth-refused'), detail: expect.stringContaining('bearer') });
    }
    // Nothing was created: the same sign-up without the cookie is the first one (201, not 409).
    await t.http().post('/api/auth/signup').set('X-Tenant-Id', 'demo').send(signup).expect(201);
  });

  it.each(['PUT', 'PATCH', 'DELETE'] as const)('%s with cookies and no bearer is refused too', async (method) => {
    const res = await t.http()[method.toLowerCase() as 'put' | 'patch' | 'delete']('/api/fraud/settings').set('X-Tenant-Id', 'demo').set('Cookie', 'a=b');
    expect(res.status).toBe(403);
    expect(res.body.type).toContain('cookie-auth-refused');
  });

  it('cookies beside a bearer token are ignored (the token decides), and reads with cookies are answered', async () => {
    const withBearer = await t.http().post('/api/auth/logout').set('X-Tenant-Id', 'demo').set('Cookie', 'a=b').set('Authorization', 'Bearer not.a.token').send({});
    expect(withBearer.status).toBe(401);
    expect(JSON.stringify(withBearer.body)).not.toContain('cookie-auth-refused');
    await t.http().get('/health/live').set('Cookie', 'a=b').expect(200);
  });
});
