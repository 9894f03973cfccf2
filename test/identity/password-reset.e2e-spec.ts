import { ManualClock, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { createTestApp, TestApp } from '../support/test-app';
import { api, FAST_IDENTITY_ENV, MailInbox, waitFor } from './identity-test-kit';

describe('password reset over HTTP (token mailed through a local SMTP server)', () => {
  let t: TestApp;
  let demo: ReturnType<typeof api>;
  const clock = new ManualClock(new Date());
  const mail = new MailInbox();

  beforeAll(async () => {
    await mail.start();
    // This app also runs EdDSA access tokens and a low per-IP login limit (tested last).
    t = await createTestApp({ clock, env: { ...FAST_IDENTITY_ENV, SMTP_URL: mail.url, JWT_ALGORITHM: 'EdDSA', LOGIN_MAX_FAILURES_PER_IP: '6' } });
    demo = api(t);
  });
  afterAll(async () => {
    await t?.close();
    await mail.stop();
  });

  const tokenIn = (message: string): string => /(pr\.[0-9a-f-]{36}\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{22})/.exec(message)![1];

  it('answers 202 whether or not the email exists, and mails a token only to a real account', async () => {
    await demo.signup('reset@example.com');
    expect((await demo.post('/api/auth/password/reset', { email: 'nobody@example.com' })).status).toBe(202);
    expect((await demo.post('/api/auth/password/reset', { email: 'reset@example.com' })).status).toBe(202);
    const message = await mail.mailTo('reset@example.com');
    expect(message).toMatch(/Subject: Reset your Tally password/);
    expect(tokenIn(message)).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mail.messages.some((m) => m.to.includes('nobody@example.com'))).toBe(false);
  });

  it('sets the new password with the mailed token (204), revokes every session, and refuses the token twice', async () => {
    await demo.signup('reset2@example.com');
    const a = await demo.login('reset2@example.com');
    const b = await demo.login('reset2@example.com');
    const seen = mail.messages.filter((m) => m.to.includes('reset2@example.com')).length;
    await demo.post('/api/auth/password/reset', { email: 'reset2@example.com' });
    const token = tokenIn(await mail.mailTo('reset2@example.com', seen));

    const weak = await demo.post('/api/auth/password/reset', { token, newPassword: 'password1' });
    expect(weak.status).toBe(422);
    expect(weak.body.errors[0].field).toBe('newPassword');
    const tooLong = await demo.post('/api/auth/password/reset', { token, newPassword: 'n'.repeat(65) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors[0]).toMatchObject({ field: 'newPassword' });

    const done = await demo.post('/api/auth/password/reset', { token, newPassword: 'Brand-New-Horse-7' });
    expect(done.status).toBe(204);
    for (const pair of [a, b]) {
      expect((await demo.get('/api/users/me', pair.accessToken)).status).toBe(401);
      expect((await demo.post('/api/auth/refresh', { refreshToken: pair.refreshToken })).status).toBe(401);
    }
    expect((await demo.post('/api/auth/login', { email: 'reset2@example.com', password: 'Correct-Horse-9' })).status).toBe(401);
    expect((await demo.post('/api/auth/login', { email: 'reset2@example.com', password: 'Brand-New-Horse-7' })).status).toBe(200);
    const again = await demo.post('/api/auth/password/reset', { token, newPassword: 'Other-New-Horse-7' });
    expect(again.status).toBe(422);
    expect(again.body.type).toBe('https://tally.dev/problems/reset-token-invalid');
    const pool = t.app.get<Pool>(PG_POOL);
    await waitFor(async () => (await pool.query(`select used_at from password_resets where used_at is not null`)).rows[0] as object | undefined);
  });

  it('refuses a token after 30 minutes, and a forged one', async () => {
    await demo.signup('reset3@example.com');
    const seen = mail.messages.filter((m) => m.to.includes('reset3@example.com')).length;
    await demo.post('/api/auth/password/reset', { email: 'reset3@example.com' });
    const token = tokenIn(await mail.mailTo('reset3@example.com', seen));
    clock.advance(30 * 60_000 + 1000);
    expect((await demo.post('/api/auth/password/reset', { token, newPassword: 'Brand-New-Horse-7' })).status).toBe(422);
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await demo.post('/api/auth/password/reset', { token: forged, newPassword: 'Brand-New-Horse-7' })).status).toBe(422);
    expect((await demo.post('/api/auth/password/reset', { token: 'nonsense', newPassword: 'Brand-New-Horse-7' })).status).toBe(422);
  });

  it('hands out a reset token after a password_reset code sent by email', async () => {
    await demo.signup('reset4@example.com');
    const seen = mail.messages.filter((m) => m.to.includes('reset4@example.com')).length;
    expect((await demo.post('/api/auth/otp/request', { channel: 'email', purpose: 'password_reset', email: 'reset4@example.com' })).status).toBe(202);
    const code = /reset your password is (\d{6})/.exec(await mail.mailTo('reset4@example.com', seen))![1];
    const verified = await demo.post('/api/auth/otp/verify', { purpose: 'password_reset', code, email: 'reset4@example.com' });
    expect(verified.status).toBe(200);
    expect(verified.body.resetToken).toMatch(/^pr\./);
    expect((await demo.post('/api/auth/password/reset', { token: verified.body.resetToken, newPassword: 'Brand-New-Horse-7' })).status).toBe(204);
    expect((await demo.post('/api/auth/login', { email: 'reset4@example.com', password: 'Brand-New-Horse-7' })).status).toBe(200);
  });

  it('signs access tokens with EdDSA when configured', async () => {
    const { accessToken } = await demo.login('reset4@example.com', 'Brand-New-Horse-7');
    expect(JSON.parse(Buffer.from(accessToken.split('.')[0], 'base64url').toString())).toEqual({ alg: 'EdDSA', typ: 'at+jwt' });
    expect((await demo.get('/api/users/me', accessToken)).status).toBe(200);
  });

  it('locks out a client IP after repeated failures across accounts, until the lockout ends', async () => {
    // The earlier failure in this file (reset2's old password) is outside the window since the clock moved 30 minutes.
    const pool = t.app.get<Pool>(PG_POOL);
    for (let i = 0; i < 6; i++) expect((await demo.post('/api/auth/login', { email: `stranger${i}@example.com`, password: 'Wrong-Horse-9' })).status).toBe(401);
    const locked = await demo.post('/api/auth/login', { email: 'reset4@example.com', password: 'Brand-New-Horse-7' });
    expect(locked.status).toBe(429);
    expect(locked.body.type).toBe('https://tally.dev/problems/login-locked');
    const audit = await pool.query(`select count(*)::int as n from es_events where event_type = 'IpLockedOut'`);
    expect(audit.rows[0].n).toBe(1);
    clock.advance(15 * 60_000 + 1000);
    expect((await demo.post('/api/auth/login', { email: 'reset4@example.com', password: 'Brand-New-Horse-7' })).status).toBe(200);
  });
});
