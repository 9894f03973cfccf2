import { ManualClock, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { ADMIN, api, FAST_IDENTITY_ENV, SmsInbox, waitFor } from '../identity/identity-test-kit';
import { createTestApp, TestApp } from '../support/test-app';

describe('tenant settings (POST /api/tenants/{id}/config) and the OTP lifetime they set', () => {
  let t: TestApp;
  let demo: ReturnType<typeof api>;
  let admin: string;
  const clock = new ManualClock(new Date());
  const sms = new SmsInbox();

  beforeAll(async () => {
    await sms.start();
    t = await createTestApp({
      clock,
      env: { ...FAST_IDENTITY_ENV, TALLY_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}`, SMS_DRIVER: 'http', SMS_HTTP_URL: sms.url },
    });
    demo = api(t);
    admin = (await demo.login(ADMIN.email, ADMIN.password)).accessToken;
  });

  afterAll(async () => {
    await t?.close();
    await sms.stop();
  });

  it('refuses unknown keys, bad values and voters, changing nothing', async () => {
    const unknown = await demo.post(`/api/tenants/${t.tenantId}/config`, { settings: { stripeSecretKey: 'sk_live' } }, admin);
    expect(unknown.status).toBe(422);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body).toMatchObject({ type: 'https://tally.dev/problems/unknown-tenant-setting', setting: 'stripeSecretKey' });
    const bad = await demo.post(`/api/tenants/${t.tenantId}/config`, { settings: { otpTtlSeconds: 5 } }, admin);
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toContain('otpTtlSeconds');
    const missing = await demo.post(`/api/tenants/${t.tenantId}/config`, {}, admin);
    expect(missing.status).toBe(422);
    expect(JSON.stringify(missing.body.errors)).toContain('settings');

    await demo.signup('plain-voter@example.com');
    const voter = (await demo.login('plain-voter@example.com')).accessToken;
    expect((await demo.post(`/api/tenants/${t.tenantId}/config`, { settings: { otpTtlSeconds: 60 } }, voter)).status).toBe(403);
    expect((await demo.get(`/api/tenants/${t.tenantId}`, admin)).body.settings).toEqual({});
  });

  it('stores a setting with an audit trail and shortens OTP codes for that tenant', async () => {
    const changed = await demo.post(`/api/tenants/${t.tenantId}/config`, { settings: { otpTtlSeconds: 60 } }, admin);
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ tenantId: t.tenantId, settings: { otpTtlSeconds: 60 } });
    expect((await demo.get(`/api/tenants/${t.tenantId}`, admin)).body.settings).toEqual({ otpTtlSeconds: 60 });
    const pool = t.app.get<Pool>(PG_POOL);
    const row = await waitFor(async () => (await pool.query(`select setting_value from tenant_config where tenant_id = $1 and setting_key = 'otpTtlSeconds'`, [t.tenantId])).rows[0] as { setting_value: number } | undefined);
    expect(row.setting_value).toBe(60);
    const audit = await pool.query(`select data from es_events where event_type = 'TenantSettingsChanged' order by global_position`);
    expect(audit.rows.at(-1).data.changes).toEqual([{ key: 'otpTtlSeconds', oldValue: null, newValue: 60 }]);

    await demo.signup('short-otp@example.com');
    const token = (await demo.login('short-otp@example.com')).accessToken;
    const phone = '+447911123499';
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'phone_verify', phone }, token)).status).toBe(202);
    const stale = await sms.codeFor(phone);
    clock.advance(61_000);
    const expired = await demo.post('/api/auth/phone/verify', { phone, code: stale }, token);
    expect(expired.status).toBe(401);
    expect(expired.body.type).toBe('https://tally.dev/problems/otp-expired');

    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'phone_verify', phone }, token)).status).toBe(202);
    const fresh = await sms.codeFor(phone, 1);
    clock.advance(30_000);
    expect((await demo.post('/api/auth/phone/verify', { phone, code: fresh }, token)).status).toBe(200);
  });
});
