import { createTestApp, TestApp } from '../support/test-app';

describe('HTTP cross-cutting behaviour', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers liveness and readiness', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(Object.keys(ready.body.details)).toEqual(expect.arrayContaining(['database', 'eventStore', 'projections']));
  });

  it('serves the OpenAPI document', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/tenants', '/health/ready']));
  });

  it('sends security headers and a request id', async () => {
    const res = await t.http().get('/health/live').set('X-Request-Id', 'trace-123').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('answers an unknown tenant with a 404 problem', async () => {
    const res = await t.http().get('/health/live').set('X-Tenant-Id', 'nobody-here').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'https://tally.dev/problems/tenant-not-found', status: 404, instance: '/health/live' });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await t.http().post('/api/tenants').set('Content-Type', 'application/json').send('{"name": ').expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, type: expect.stringMatching(/^https:\/\/tally\.dev\/problems\//) });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.http().get('/api/nothing-here').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.type).toBe('https://tally.dev/problems/not-found');
  });

  it('refuses a protected route without a token with a 401 problem', async () => {
    const res = await t.http().post('/api/tenants').send({ name: 'Gala', slug: 'gala' }).expect(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('resolves the demo tenant by slug and by id to the same tenant', async () => {
    await t.http().get('/health/live').set('X-Tenant-Id', 'demo').expect(200);
    await t.http().get('/health/live').set('X-Tenant-Id', t.tenantId).expect(200);
  });
});
