import { createTestApp, TestApp } from '../support/test-app';

const TOKEN = 'metrics-token-'.padEnd(40, 'x');

/** GET /metrics is behind its own bearer token (METRICS_TOKEN), and served nowhere in production without one. */
describe('metrics access', () => {
  describe('with METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => (t = await createTestApp({ env: { METRICS_TOKEN: TOKEN } })));
    afterAll(() => t.close());

    it('answers 401 problem+json without the token or with another one, and 200 with it', async () => {
      const missing = await t.http().get('/metrics').expect(401);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(missing.body).toMatchObject({ status: 401, type: expect.stringContaining('metrics-token-required') });
      expect(missing.text).not.toContain('tally_http_requests_total');
      await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
      await t.http().get('/metrics').set('Authorization', TOKEN).expect(401);
      const scraped = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      expect(scraped.text).toContain('tally_http_requests_total');
    });
  });

  describe('in production without METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(
      async () =>
        (t = await createTestApp({
          env: { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32), IDENTITY_PII_HMAC_KEY: 'p'.repeat(32), TALLY_MASTER_KEY: 'k'.repeat(32) },
        })),
    );
    afterAll(() => t.close());

    it('does not serve metrics on the public port', async () => {
      const response = await t.http().get('/metrics').expect(404);
      expect(response.text).not.toContain('tally_');
      await t.http().get('/health/live').expect(200);
    });
  });
});
