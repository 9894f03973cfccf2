import { CommandRunner, EVENT_STORE, EventStore } from '@tally/eventstore';
import { SubjectKeys, USER_EVENT_TYPES, userStream } from '@tally/identity';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { createTestApp, TestApp } from '../support/test-app';
import { ADMIN, api, FAST_IDENTITY_ENV, SmsInbox, waitFor } from './identity-test-kit';

interface Envelope {
  kid: string;
  iv: string;
  ct: string;
}

describe('GDPR erasure by crypto-shredding', () => {
  let t: TestApp;
  let demo: ReturnType<typeof api>;
  const sms = new SmsInbox();
  let pool: Pool;

  beforeAll(async () => {
    await sms.start();
    t = await createTestApp({ env: { ...FAST_IDENTITY_ENV, SMS_DRIVER: 'http', SMS_HTTP_URL: sms.url, TALLY_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}` } });
    demo = api(t);
    pool = t.app.get<Pool>(PG_POOL);
  });
  afterAll(async () => {
    await t?.close();
    await sms.stop();
  });

  it("deletes the user's key: email and phone are unreadable everywhere, while the user's other events still replay", async () => {
    const phone = '+31612345678';
    const userId = await demo.signup('forget-me@example.com', 'Correct-Horse-9', phone);
    const { accessToken } = await demo.login('forget-me@example.com');
    await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'phone_verify', phone }, accessToken);
    expect((await demo.post('/api/auth/phone/verify', { phone, code: await sms.codeFor(phone) }, accessToken)).status).toBe(200);
    await demo.post('/api/auth/otp/request', { channel: 'sms', purpose: 'login', phone });
    await sms.codeFor(phone, 1);
    const keys = t.app.get(SubjectKeys);
    // Before: the envelopes open.
    expect((await demo.get('/api/users/me', accessToken)).body).toMatchObject({ email: 'forget-me@example.com', phone });
    const before = await waitFor(async () => (await pool.query(`select email, phone from users where user_id = $1 and phone_verified`, [userId])).rows[0] as { email: Envelope; phone: Envelope } | undefined);
    expect(await keys.open(before.email, 'email')).toBe('forget-me@example.com');

    expect((await demo.delete('/api/users/me', accessToken)).status).toBe(204);

    // Sessions end, the account is gone, the email may sign up again.
    expect((await demo.get('/api/users/me', accessToken)).status).toBe(401);
    expect((await demo.post('/api/auth/login', { email: 'forget-me@example.com', password: 'Correct-Horse-9' })).status).toBe(401);
    expect((await pool.query(`select count(*)::int as n from subject_keys where subject_id = $1`, [userId])).rows[0].n).toBe(0);

    // Events: every envelope of the user, in any stream (user, OTP), no longer opens.
    const store = t.app.get<EventStore>(EVENT_STORE);
    // The whole log once the user's last event is readable: another test file's open transaction
    // can hold the cluster-wide xmin back, and a log read then would miss the latest events.
    const userEvents = (await store.readStream(userStream(t.tenantId, userId))).length;
    const all = await waitFor(async () => {
      const read = await store.readAll({ maxCount: 10_000 });
      return read.filter((event) => event.streamId === userStream(t.tenantId, userId)).length >= userEvents ? read : undefined;
    });
    const envelopes = all.flatMap((event) => findEnvelopes(event.data)).filter((envelope) => envelope.kid === `sk1:${userId}`);
    expect(envelopes.length).toBeGreaterThanOrEqual(6);
    for (const envelope of envelopes) {
      for (const field of ['email', 'phone', 'otp-code', 'otp-destination'] as const) expect(await keys.open(envelope, field)).toBeNull();
    }
    expect(JSON.stringify(all.map((event) => event.data))).not.toContain('forget-me@example.com');
    expect(JSON.stringify(all.map((event) => event.data))).not.toContain('31612345678');

    // Read models: erased (deliveries are sent from the log's envelopes, which no longer open).
    const row = await waitFor(async () => (await pool.query(`select email, phone, status from users where user_id = $1 and status = 'erased'`, [userId])).rows[0] as object | undefined);
    expect(row).toEqual({ email: null, phone: null, status: 'erased' });
    expect((await pool.query(`select count(*)::int as n from phone_verifications where user_id = $1 and phone is not null`, [userId])).rows[0].n).toBe(0);

    // The stream still replays from the start: every event folds, only the personal fields are lost.
    const events = await store.readStream(userStream(t.tenantId, userId));
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['UserRegistered', 'SessionStarted', 'PhoneVerified', 'SessionRevoked', 'SubjectErased']));
    expect(events.every((event) => (USER_EVENT_TYPES as readonly string[]).includes(event.type))).toBe(true);
    const { state } = await new CommandRunner(store).load(
      { aggregate: 'user-replay-check', initialState: () => ({ count: 0, types: [] as string[] }), evolve: (s, e: { type: string }) => ({ count: s.count + 1, types: [...s.types, e.type] }) },
      userStream(t.tenantId, userId),
    );
    expect(state.count).toBe(events.length);
    // Through the identity context's own decider (GET reads the stream): facts survive, personal fields are gone.
    const admin = await demo.login(ADMIN.email, ADMIN.password);
    const view = await demo.get(`/api/users/${userId}`, admin.accessToken);
    expect(view.body).toEqual({ userId, email: null, phone: null, phoneVerified: true, phoneType: 'MOBILE', roles: ['voter'], status: 'erased' });

    // The address is free again.
    expect((await demo.post('/api/auth/signup', { email: 'forget-me@example.com', password: 'Correct-Horse-9' })).status).toBe(201);
  });
});

function findEnvelopes(value: unknown): Envelope[] {
  if (!value || typeof value !== 'object') return [];
  const v = value as Record<string, unknown>;
  if (typeof v.kid === 'string' && typeof v.iv === 'string' && typeof v.ct === 'string') return [v as unknown as Envelope];
  return Object.values(v).flatMap(findEnvelopes);
}
