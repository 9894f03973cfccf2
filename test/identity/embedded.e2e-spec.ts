import type { TestApp } from '../support/test-app';
import { api, FAST_IDENTITY_ENV, SmsInbox } from './identity-test-kit';

/**
 * The same flows on PGlite (one transaction at a time): projections, outbox and dispatcher
 * must not deadlock. Starting the whole app on PGlite takes ~45 s here, so this runs only with
 * TALLY_E2E_EMBEDDED=1 (or run every identity e2e on PGlite with TALLY_TEST_DB=pglite). The app's
 * modules are required only when it runs: a skipped file that imported them would still spend
 * seconds of CI's CPU loading the whole application for nothing.
 */
const describeEmbedded = process.env.TALLY_E2E_EMBEDDED === '1' ? describe : describe.skip;

describeEmbedded('identity on the embedded database (PGlite)', () => {
  let t: TestApp;
  const sms = new SmsInbox();

  beforeAll(async () => {
    await sms.start();
    const { createTestApp } = await import('../support/test-app');
    t = await createTestApp({ database: 'pglite', env: { ...FAST_IDENTITY_ENV, SMS_DRIVER: 'http', SMS_HTTP_URL: sms.url } });
  });
  afterAll(async () => {
    await t?.close();
    await sms.stop();
  });

  it('signs up, verifies a phone by SMS, logs in by code, refreshes and logs out', async () => {
    const demo = api(t);
    await demo.signup('pglite@example.com');
    const { accessToken } = await demo.login('pglite@example.com');
    const phone = '+447911123457';
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'phone_verify', phone }, accessToken)).status).toBe(202);
    expect((await demo.post('/api/auth/phone/verify', { phone, code: await sms.codeFor(phone) }, accessToken)).status).toBe(200);
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'login', phone })).status).toBe(202);
    const login = await demo.post('/api/auth/otp/verify', { purpose: 'login', code: await sms.codeFor(phone, 1), phone });
    expect(login.status).toBe(200);
    const refreshed = await demo.post('/api/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await demo.post('/api/auth/logout', {}, refreshed.body.accessToken)).status).toBe(204);
    expect((await demo.get('/api/users/me', refreshed.body.accessToken)).status).toBe(401);
  });
});
