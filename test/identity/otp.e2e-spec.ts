import { ManualClock, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { createTestApp, TestApp } from '../support/test-app';
import { api, FAST_IDENTITY_ENV, MailInbox, SmsInbox, waitFor } from './identity-test-kit';

describe('OTP and phone verification over HTTP (SMS webhook and SMTP delivery)', () => {
  let t: TestApp;
  let demo: ReturnType<typeof api>;
  const clock = new ManualClock(new Date());
  const sms = new SmsInbox();
  const mail = new MailInbox();
  let pool: Pool;

  beforeAll(async () => {
    await sms.start();
    await mail.start();
    t = await createTestApp({
      clock,
      env: {
        ...FAST_IDENTITY_ENV,
        SMS_DRIVER: 'http',
        SMS_HTTP_URL: sms.url,
        SMTP_URL: mail.url,
        OTP_REQUESTS_PER_SUBJECT_PER_HOUR: '20',
        OTP_REQUESTS_PER_PREFIX_PER_HOUR: '3',
        OTP_PREFIX_DIGITS: '8',
        // A failing delivery: parked at once, one background retry 200 ms later, then left to an operator.
        PROJECTIONS_PARKED_RETRY_BASE_MS: '200',
        PROJECTIONS_PARKED_MAX_RETRIES: '1',
        PROJECTIONS_PARKED_POLL_MS: '50',
      },
    });
    demo = api(t);
    pool = t.app.get<Pool>(PG_POOL);
  });
  afterAll(async () => {
    await t?.close();
    await sms.stop();
    await mail.stop();
  });

  /** Signs up, verifies `phone` by SMS, and returns the user's access token. */
  async function userWithVerifiedPhone(email: string, phone: string): Promise<string> {
    await demo.signup(email);
    const { accessToken } = await demo.login(email);
    const seen = sms.countFor(phone);
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'phone_verify', phone }, accessToken)).status).toBe(202);
    const code = await sms.codeFor(phone, seen);
    const verified = await demo.post('/api/auth/phone/verify', { phone, code }, accessToken);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ phoneVerified: true });
    return accessToken;
  }

  it('verifies a phone with a code delivered by the SMS webhook, keeping the number type', async () => {
    const token = await userWithVerifiedPhone('phone-user@example.com', '+447911123456');
    expect(sms.messages.find((m) => m.to === '+447911123456')!.body).toMatch(/verify your phone number is \d{6}\. It expires in 5 minutes/);
    const me = await demo.get('/api/users/me', token);
    expect(me.body).toMatchObject({ phone: '+447911123456', phoneVerified: true, phoneType: 'MOBILE' });
    const row = await waitFor(async () => (await pool.query(`select number_type, verified_at from phone_verifications where number_type is not null`)).rows[0] as { number_type: string } | undefined);
    expect(row.number_type).toBe('MOBILE');
    expect((await demo.post('/api/auth/phone/verify', { phone: '+447911123456', code: '123456' })).status).toBe(401);
  });

  it('logs in with an SMS code to a verified phone and with an emailed code (SMTP)', async () => {
    await userWithVerifiedPhone('sms-login@example.com', '+33612345678');
    const seen = sms.countFor('+33612345678');
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'login', phone: '+33612345678' })).status).toBe(202);
    const code = await sms.codeFor('+33612345678', seen);
    const login = await demo.post('/api/auth/otp/verify', { purpose: 'login', code, phone: '+33612345678' });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.stringMatching(/^rt\./), expiresIn: 900 });
    expect((await demo.get('/api/users/me', login.body.accessToken)).body.email).toBe('sms-login@example.com');

    expect((await demo.post('/api/auth/otp/request', { channel: 'email', purpose: 'login', email: 'sms-login@example.com' })).status).toBe(202);
    const message = await mail.mailTo('sms-login@example.com');
    expect(message).toMatch(/Subject: Your Tally code/);
    const emailCode = /code to sign in is (\d{6})/.exec(message)![1];
    expect((await demo.post('/api/auth/otp/verify', { purpose: 'login', code: emailCode, email: 'sms-login@example.com' })).status).toBe(200);
  });

  it('answers 202 for unknown addresses without sending anything, and 422 for a missing or malformed destination', async () => {
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'login', phone: '+4915123456789' })).status).toBe(202);
    expect((await demo.post('/api/auth/otp/request', { channel: 'email', purpose: 'login', email: 'ghost@example.com' })).status).toBe(202);
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'login', email: 'ghost@example.com' })).status).toBe(422);
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'login', phone: '12345' })).status).toBe(422);
    expect((await demo.post('/api/auth/otp/request', { channel: 'fax', purpose: 'login', phone: '+4915123456789' })).status).toBe(422);
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'phone_verify', phone: '+4915123456789' })).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sms.countFor('+4915123456789')).toBe(0);
  });

  it('refuses the sixth wrong code in 15 minutes even with the right code, and lifts the lockout when it expires', async () => {
    const phone = '+61412345678';
    await userWithVerifiedPhone('lockout@example.com', phone);
    const seen = sms.countFor(phone);
    await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'login', phone });
    const code = await sms.codeFor(phone, seen);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await demo.post('/api/auth/otp/verify', { purpose: 'login', code: wrong, phone });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ type: 'https://tally.dev/problems/otp-invalid', attemptsLeft: 4 - i });
    }
    const sixth = await demo.post('/api/auth/otp/verify', { purpose: 'login', code, phone });
    expect(sixth.status).toBe(429);
    expect(sixth.body.type).toBe('https://tally.dev/problems/otp-locked');
    expect(Number(sixth.headers['retry-after'])).toBe(900);
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'login', phone })).status).toBe(429);

    clock.advance(14 * 60_000);
    expect((await demo.post('/api/auth/otp/verify', { purpose: 'login', code, phone })).status).toBe(429);
    clock.advance(60_000 + 1000);
    // The old code expired meanwhile (5 minutes); a new one works.
    const expired = await demo.post('/api/auth/otp/verify', { purpose: 'login', code, phone });
    expect(expired.status).toBe(401);
    expect(expired.body.type).toBe('https://tally.dev/problems/otp-expired');
    const again = sms.countFor(phone);
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'login', phone })).status).toBe(202);
    const fresh = await sms.codeFor(phone, again);
    expect((await demo.post('/api/auth/otp/verify', { purpose: 'login', code: fresh, phone })).status).toBe(200);
    const row = await waitFor(async () => (await pool.query(`select attempts, locked_until from otp_attempts where attempts >= 5 and locked_until is not null`)).rows[0] as { attempts: number; locked_until: Date } | undefined);
    expect(row.locked_until).toBeInstanceOf(Date);
  });

  it('lets no more than 5 of 20 parallel wrong attempts through', async () => {
    const phone = '+2348031234567';
    await userWithVerifiedPhone('parallel@example.com', phone);
    const seen = sms.countFor(phone);
    await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'login', phone });
    const code = await sms.codeFor(phone, seen);
    const wrong = code === '000000' ? '111111' : '000000';
    const results = await Promise.all(Array.from({ length: 20 }, () => demo.post('/api/auth/otp/verify', { purpose: 'login', code: wrong, phone })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const { rows } = await pool.query(
      `select count(*) filter (where event_type = 'OtpVerificationFailed')::int as failed, count(*) filter (where event_type = 'OtpLockedOut')::int as locks
       from es_events where stream_id = (select stream_id from es_events where event_type = 'OtpIssued' order by global_position desc limit 1)`,
    );
    expect(rows[0]).toEqual({ failed: 5, locks: 1 });
    expect((await demo.post('/api/auth/otp/verify', { purpose: 'login', code, phone })).status).toBe(429);
  });

  it('refuses a reused code and a code for another purpose', async () => {
    const phone = '+4917612345678';
    await userWithVerifiedPhone('reuse@example.com', phone);
    const seen = sms.countFor(phone);
    await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'login', phone });
    const code = await sms.codeFor(phone, seen);
    expect((await demo.post('/api/auth/otp/verify', { purpose: 'password_reset', code, phone })).status).toBe(401);
    expect((await demo.post('/api/auth/otp/verify', { purpose: 'login', code, phone })).status).toBe(200);
    const reused = await demo.post('/api/auth/otp/verify', { purpose: 'login', code, phone });
    expect(reused.status).toBe(401);
    expect(reused.body.type).toBe('https://tally.dev/problems/otp-invalid');
  });

  it('limits codes per number prefix against SMS pumping', async () => {
    // OTP_PREFIX_DIGITS=8 and 3 codes an hour per prefix: +234805123456x share the prefix 23480512.
    const phones = ['+2348051234567', '+2348051234568', '+2348051234569', '+2348051234560'];
    const tokens: string[] = [];
    for (const [i, phone] of phones.entries()) {
      await demo.signup(`prefix${i}@example.com`);
      tokens.push((await demo.login(`prefix${i}@example.com`)).accessToken);
      void phone;
    }
    for (let i = 0; i < 3; i++) {
      expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'phone_verify', phone: phones[i] }, tokens[i])).status).toBe(202);
    }
    const refused = await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'phone_verify', phone: phones[3] }, tokens[3]);
    expect(refused.status).toBe(429);
    expect(refused.body.type).toBe('https://tally.dev/problems/otp-rate-limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('retries a failing delivery, parks it, retries it in the background, then leaves it to an operator', async () => {
    const phone = '+12125550123';
    await demo.signup('deadletter@example.com');
    const { accessToken } = await demo.login('deadletter@example.com');
    sms.failFor.add(phone);
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'phone_verify', phone }, accessToken)).status).toBe(202);
    const parked = await waitFor(
      async () =>
        (await pool.query<{ retries: number; error: string }>(`select retries, error from es_dead_letters where consumer = 'identity.deliveries' and replayed_at is null and next_retry_at is null`)).rows[0],
    );
    expect(parked).toEqual({ retries: 1, error: expect.stringContaining('SMS webhook answered 500') });
    expect(sms.countFor(phone)).toBe(0);
    // The deliveries after it went on: a code to another number arrives.
    const other = '+442071838750';
    await demo.signup('after-deadletter@example.com');
    const next = await demo.login('after-deadletter@example.com');
    expect((await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'phone_verify', phone: other }, next.accessToken)).status).toBe(202);
    await waitFor(async () => sms.countFor(other) > 0);
  });
});
