import { createTestApp, TestApp } from '../support/test-app';

describe('identity smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { BCRYPT_COST: '4', TALLY_BOOTSTRAP_ADMIN: 'root@tally.test:Adm1n-pass-long' } });
  });
  afterAll(async () => t?.close());

  it('signs up, logs in, reads me, logs out', async () => {
    const signup = await t.http().post('/api/auth/signup').set('X-Tenant-Id', 'demo').send({ email: 'ada@example.com', password: 'Correct-Horse-9' });
    expect(signup.status).toBe(201);
    const login = await t.http().post('/api/auth/login').set('X-Tenant-Id', 'demo').send({ email: 'ada@example.com', password: 'Correct-Horse-9' });
    expect(login.status).toBe(200);
    const me = await t.http().get('/api/users/me').set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(me.body).toMatchObject({ email: 'ada@example.com' });
    const out = await t.http().post('/api/auth/logout').set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(out.status).toBe(204);
    const after = await t.http().get('/api/users/me').set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(after.status).toBe(401);
    const admin = await t.http().post('/api/auth/login').set('X-Tenant-Id', 'demo').send({ email: 'root@tally.test', password: 'Adm1n-pass-long' });
    expect(admin.status).toBe(200);
  });
});
