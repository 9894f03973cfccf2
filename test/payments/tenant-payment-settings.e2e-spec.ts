import { createHmac } from 'node:crypto';
import { FakeProviderServer, ReconcilePaymentsJob } from '@tally/payments';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import Stripe from 'stripe';
import { ADMIN, api, FAST_IDENTITY_ENV } from '../identity/identity-test-kit';
import { createTestApp, TestApp } from '../support/test-app';

const PLATFORM = { stripeKey: 'sk_test_platformKey0000', webhookSecret: 'whsec_platformSecret00', paystackKey: 'sk_test_platformPaystack0' };
const ALPHA = { stripeKey: 'sk_test_alphaSecretKey1111', webhookSecret: 'whsec_alphaWebhookSecret11' };
const ALPHA_ROTATED = 'sk_test_alphaRotatedKey3333';
const BETA = { stripeKey: 'sk_test_betaSecretKey22222', webhookSecret: 'whsec_betaWebhookSecret222', paystackKey: 'sk_test_betaPaystack2222' };
const ALL_KEYS = [ALPHA.stripeKey, ALPHA.webhookSecret, ALPHA_ROTATED, BETA.stripeKey, BETA.webhookSecret, BETA.paystackKey];

describe('per-tenant payment providers and keys (PUT/GET /api/payments/settings, tenant webhook paths)', () => {
  const fake = new FakeProviderServer();
  /** Everything the app logs (pino writes to fd 1), kept to prove no key is ever printed. */
  const logged: string[] = [];
  let t: TestApp;
  let pool: Pool;
  let admin: string;
  const alpha = { api: undefined as unknown as ReturnType<typeof api>, id: '', organizer: '', voter: '' };
  const beta = { api: undefined as unknown as ReturnType<typeof api>, id: '', voter: '' };

  beforeAll(async () => {
    // Under jest, pino's destination is process.stdout: everything the app logs passes here.
    jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => {
      logged.push(String(chunk));
      return true;
    }));
    await fake.start();
    t = await createTestApp({
      env: {
        ...FAST_IDENTITY_ENV,
        LOG_LEVEL: 'debug',
        TALLY_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}`,
        STRIPE_API_URL: fake.url,
        STRIPE_SECRET_KEY: PLATFORM.stripeKey,
        STRIPE_WEBHOOK_SECRET: PLATFORM.webhookSecret,
        PAYSTACK_API_URL: fake.url,
        PAYSTACK_SECRET_KEY: PLATFORM.paystackKey,
      },
    });
    pool = t.app.get(PG_POOL);
    const demo = api(t);
    admin = (await demo.login(ADMIN.email, ADMIN.password)).accessToken;
    for (const [tenant, slug] of [[alpha, 'alpha'], [beta, 'beta']] as const) {
      const created = await demo.post('/api/tenants', { name: slug, slug }, admin);
      expect(created.status).toBe(201);
      tenant.id = created.body.tenantId;
      tenant.api = api(t, slug);
      await tenant.api.signup(`voter@${slug}.test`);
      tenant.voter = (await tenant.api.login(`voter@${slug}.test`)).accessToken;
    }
    const organizerId = await alpha.api.signup('organizer@alpha.test');
    expect((await alpha.api.put(`/api/users/${organizerId}/roles`, { roles: ['organizer', 'voter'] }, admin)).status).toBe(200);
    alpha.organizer = (await alpha.api.login('organizer@alpha.test')).accessToken;
  });

  afterAll(async () => {
    await t?.close();
    await fake.stop();
    jest.restoreAllMocks();
  });

  const auditCount = async () => Number((await pool.query('select count(*) from payment_settings_audit')).rows[0].count);
  const authOf = (paymentId: string) => fake.requests.find((r) => r.path === '/v1/payment_intents' && r.body['metadata[tally_payment_id]'] === paymentId)?.headers.authorization;
  const intentOf = (paymentId: string) => fake.stripeIntents.find((i) => (i.metadata as Record<string, string>).tally_payment_id === paymentId)!;
  const stripeDelivery = (type: string, object: Record<string, unknown>) => JSON.stringify({ id: `evt_${Math.random().toString(36).slice(2)}`, object: 'event', type, data: { object } });
  const postStripe = (path: string, body: string, secret: string) =>
    t.http().post(path).set('Content-Type', 'application/json').set('Stripe-Signature', Stripe.webhooks.generateTestHeaderString({ payload: body, secret })).send(body);

  it('starts on the platform keys, shown as such and never revealed', async () => {
    const view = await alpha.api.get('/api/payments/settings', alpha.organizer);
    expect(view.status).toBe(200);
    expect(view.body).toEqual({
      defaultProvider: null,
      providers: { stripe: { own: false, enabled: true, secretKey: null, webhookSecret: null }, paystack: { own: false, enabled: true, secretKey: null, webhookSecret: null } },
      updatedAt: null,
      updatedBy: null,
    });
    const checkout = await alpha.api.post('/api/payments/checkout', { votes: 1, currency: 'USD' }, alpha.voter);
    expect(checkout.status).toBe(201);
    expect(authOf(checkout.body.paymentId)).toBe(`Bearer ${PLATFORM.stripeKey}`);
  });

  it('refuses bad input with problem+json naming the field, voters with 403, other tenants with 401, changing nothing', async () => {
    const before = await auditCount();
    const cases: [object, string][] = [
      [{ providers: { stripe: { secretKey: 'pk_test_publishableKey1234', webhookSecret: ALPHA.webhookSecret } } }, 'providers.stripe.secretKey'],
      [{ providers: { stripe: { secretKey: ALPHA.stripeKey, webhookSecret: 'sk_test_notAWebhookSecret' } } }, 'providers.stripe.webhookSecret'],
      [{ providers: { stripe: { secretKey: ALPHA.stripeKey } } }, 'providers.stripe.webhookSecret'],
      [{ providers: { stripe: { secretKey: ALPHA.stripeKey, webhookSecret: ALPHA.webhookSecret, apiVersion: 'x' } } }, 'providers.stripe.apiVersion'],
      [{ providers: { paystack: { secretKey: 'pk_live_nope12345678' } } }, 'providers.paystack.secretKey'],
      [{ providers: { paystack: { webhookSecret: 'whsec_notForPaystack1' } } }, 'providers.paystack.webhookSecret'],
      [{ providers: { paypal: { enabled: true } } }, 'providers.paypal'],
      [{ defaultProvider: 'paypal' }, 'defaultProvider'],
      [{ providers: { paystack: { enabled: false } }, defaultProvider: 'paystack' }, 'defaultProvider'],
    ];
    for (const [body, field] of cases) {
      const refused = await alpha.api.put('/api/payments/settings', body, alpha.organizer);
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(JSON.stringify(refused.body)).not.toContain(ALPHA.stripeKey);
    }
    expect((await alpha.api.put('/api/payments/settings', { providers: { stripe: { enabled: false } } }, alpha.voter)).status).toBe(403);
    expect((await alpha.api.get('/api/payments/settings', alpha.voter)).status).toBe(403);
    expect((await beta.api.put('/api/payments/settings', { providers: { stripe: { enabled: false } } }, alpha.organizer)).status).toBe(401);
    expect(await auditCount()).toBe(before);
    expect((await alpha.api.get('/api/payments/settings', alpha.organizer)).body.updatedAt).toBeNull();
  });

  it('stores each tenant its own keys, sealed, masked on read and audited without the keys', async () => {
    const set = await alpha.api.put('/api/payments/settings', { providers: { stripe: { secretKey: ALPHA.stripeKey, webhookSecret: ALPHA.webhookSecret } }, defaultProvider: 'stripe' }, alpha.organizer);
    expect(set.status).toBe(200);
    expect(set.body.providers.stripe).toEqual({ own: true, enabled: true, secretKey: 'sk_test_…1111', webhookSecret: 'whsec_…et11' });
    expect(set.body).toMatchObject({ defaultProvider: 'stripe', updatedAt: expect.any(String), updatedBy: expect.any(String) });
    // A platform admin acting in tenant beta.
    const betaSet = await beta.api.put(
      '/api/payments/settings',
      { providers: { stripe: { secretKey: BETA.stripeKey, webhookSecret: BETA.webhookSecret }, paystack: { secretKey: BETA.paystackKey } }, defaultProvider: 'stripe' },
      admin,
    );
    expect(betaSet.status).toBe(200);
    expect(betaSet.body.providers.paystack).toEqual({ own: true, enabled: true, secretKey: 'sk_test_…2222', webhookSecret: null });

    const rows = await pool.query('select tenant_id, provider, secret_key, secret_key::text as raw_key, webhook_secret::text as raw_webhook from payment_provider_settings order by tenant_id, provider');
    expect(rows.rows).toHaveLength(3);
    for (const row of rows.rows as { secret_key: { kid: string; iv: string; ct: string }; raw_key: string; raw_webhook: string | null }[]) {
      expect(row.secret_key).toEqual({ kid: expect.stringMatching(/^mk1:/), iv: expect.any(String), ct: expect.any(String) });
      for (const key of ALL_KEYS) expect(`${row.raw_key} ${row.raw_webhook}`).not.toContain(key.slice(8));
    }
    const audit = await pool.query('select tenant_id, actor_id, changes from payment_settings_audit where tenant_id = $1', [alpha.id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].actor_id).toBe(set.body.updatedBy);
    expect(audit.rows[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'providers.stripe.own', from: false, to: true },
        { field: 'providers.stripe.secretKey', from: null, to: 'sk_test_…1111' },
        { field: 'defaultProvider', from: null, to: 'stripe' },
      ]),
    );
    const read = await alpha.api.get('/api/payments/settings', alpha.organizer);
    expect(read.body.providers.stripe.secretKey).toBe('sk_test_…1111');
    for (const key of ALL_KEYS) expect(JSON.stringify(read.body) + JSON.stringify(betaSet.body)).not.toContain(key);
  });

  it('checks out in each tenant with that tenant’s key, and a new key applies at once', async () => {
    const a = await alpha.api.post('/api/payments/checkout', { votes: 2, currency: 'USD' }, alpha.voter);
    const b = await beta.api.post('/api/payments/checkout', { votes: 3, currency: 'USD' }, beta.voter);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(authOf(a.body.paymentId)).toBe(`Bearer ${ALPHA.stripeKey}`);
    expect(authOf(b.body.paymentId)).toBe(`Bearer ${BETA.stripeKey}`);
    const paystack = await beta.api.post('/api/payments/checkout', { votes: 1, currency: 'USD', provider: 'paystack' }, beta.voter);
    expect(paystack.status).toBe(201);
    expect(fake.requests.filter((r) => r.path === '/transaction/initialize').at(-1)!.headers.authorization).toBe(`Bearer ${BETA.paystackKey}`);

    expect((await alpha.api.put('/api/payments/settings', { providers: { stripe: { secretKey: ALPHA_ROTATED } } }, alpha.organizer)).status).toBe(200);
    const rotated = await alpha.api.post('/api/payments/checkout', { votes: 1, currency: 'USD' }, alpha.voter);
    expect(authOf(rotated.body.paymentId)).toBe(`Bearer ${ALPHA_ROTATED}`);
    expect((await alpha.api.put('/api/payments/settings', { providers: { stripe: { secretKey: ALPHA.stripeKey } } }, alpha.organizer)).status).toBe(200);
  });

  it('verifies a tenant’s webhooks with its own secret on its own path only, and keeps tenants apart', async () => {
    const a = await alpha.api.post('/api/payments/checkout', { votes: 4, currency: 'USD' }, alpha.voter);
    const b = await beta.api.post('/api/payments/checkout', { votes: 5, currency: 'USD' }, beta.voter);
    const intentA = intentOf(a.body.paymentId);
    const succeededA = stripeDelivery('payment_intent.succeeded', { ...intentA, status: 'succeeded', amount_received: intentA.amount });

    expect((await postStripe('/api/payments/webhook/stripe/beta', succeededA, ALPHA.webhookSecret)).status).toBe(400);
    expect((await postStripe('/api/payments/webhook/stripe/nowhere', succeededA, ALPHA.webhookSecret)).status).toBe(400);
    expect((await postStripe('/api/payments/webhook', succeededA, ALPHA.webhookSecret)).status).toBe(400);
    expect((await postStripe(`/api/payments/webhook/stripe/${alpha.id}`, succeededA, PLATFORM.webhookSecret)).status).toBe(400);
    const accepted = await postStripe('/api/payments/webhook/stripe/alpha', succeededA, ALPHA.webhookSecret);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ received: true, outcome: 'processed' });
    expect((await alpha.api.get(`/api/payments/${a.body.paymentId}`, alpha.voter)).body.status).toBe('completed');

    // Alpha's secret cannot vouch for beta's payment, even on alpha's own path.
    const intentB = intentOf(b.body.paymentId);
    const forged = stripeDelivery('payment_intent.succeeded', { ...intentB, status: 'succeeded', amount_received: intentB.amount });
    expect((await postStripe('/api/payments/webhook/stripe/alpha', forged, ALPHA.webhookSecret)).status).toBe(400);
    expect((await beta.api.get(`/api/payments/${b.body.paymentId}`, beta.voter)).body.status).toBe('pending');
    expect((await postStripe('/api/payments/webhook/stripe/beta', forged, BETA.webhookSecret)).status).toBe(200);
    expect((await beta.api.get(`/api/payments/${b.body.paymentId}`, beta.voter)).body.status).toBe('completed');

    // Paystack signs with the tenant's secret key.
    const paystack = await beta.api.post('/api/payments/checkout', { votes: 2, currency: 'USD', provider: 'paystack' }, beta.voter);
    const body = JSON.stringify({ event: 'charge.success', data: { id: Date.now(), reference: paystack.body.paymentId, amount: 200, currency: 'USD', status: 'success', channel: 'card', metadata: { tally_tenant_id: beta.id, tally_payment_id: paystack.body.paymentId } } });
    const sign = (key: string) => createHmac('sha512', key).update(body).digest('hex');
    const postPaystack = (path: string, key: string) => t.http().post(path).set('Content-Type', 'application/json').set('x-paystack-signature', sign(key)).send(body);
    expect((await postPaystack('/api/payments/webhook/paystack/beta', PLATFORM.paystackKey)).status).toBe(400);
    expect((await postPaystack('/api/payments/webhook/paystack/beta', BETA.paystackKey)).status).toBe(200);
    expect((await beta.api.get(`/api/payments/${paystack.body.paymentId}`, beta.voter)).body.status).toBe('completed');
  });

  it('refunds and reconciles with the payment’s tenant keys', async () => {
    const a = await alpha.api.post('/api/payments/checkout', { votes: 2, currency: 'USD' }, alpha.voter);
    const intent = intentOf(a.body.paymentId);
    await postStripe('/api/payments/webhook/stripe/alpha', stripeDelivery('payment_intent.succeeded', { ...intent, status: 'succeeded', amount_received: intent.amount }), ALPHA.webhookSecret).expect(200);
    const refund = await alpha.api.post('/api/refunds', { paymentId: a.body.paymentId, reason: 'asked' }, alpha.organizer);
    expect(refund.status).toBe(202);
    expect(fake.requests.filter((r) => r.path === '/v1/refunds').at(-1)!.headers.authorization).toBe(`Bearer ${ALPHA.stripeKey}`);

    const seen = fake.requests.length;
    const result = await t.app.get(ReconcilePaymentsJob).run();
    expect(result.failed).toBe(0);
    const listedWith = new Set(fake.requests.slice(seen).filter((r) => r.method === 'GET').map((r) => r.headers.authorization));
    expect(listedWith).toEqual(new Set([`Bearer ${PLATFORM.stripeKey}`, `Bearer ${PLATFORM.paystackKey}`, `Bearer ${ALPHA.stripeKey}`, `Bearer ${BETA.stripeKey}`, `Bearer ${BETA.paystackKey}`]));
  });

  it('refunds and reconciles a payment only on the account it was made on; its keys gone, refuses and changes nothing', async () => {
    const succeed = (paymentId: string, path: string, secret: string) => {
      const intent = intentOf(paymentId);
      return postStripe(path, stripeDelivery('payment_intent.succeeded', { ...intent, status: 'succeeded', amount_received: intent.amount }), secret).expect(200);
    };
    const refund = (paymentId: string) => alpha.api.post('/api/refunds', { paymentId, reason: 'asked' }, alpha.organizer);
    const lastRefundAuth = () => fake.requests.filter((r) => r.path === '/v1/refunds').at(-1)!.headers.authorization;
    const view = async (paymentId: string) => (await alpha.api.get(`/api/payments/${paymentId}`, alpha.organizer)).body as { status: string; refunded: { amount: number } };

    // Two payments on alpha's own account (one paid, one still pending)…
    const own = (await alpha.api.post('/api/payments/checkout', { votes: 2, currency: 'USD' }, alpha.voter)).body.paymentId as string;
    const ownPending = (await alpha.api.post('/api/payments/checkout', { votes: 1, currency: 'USD' }, alpha.voter)).body.paymentId as string;
    expect(authOf(own)).toBe(`Bearer ${ALPHA.stripeKey}`);
    await succeed(own, '/api/payments/webhook/stripe/alpha', ALPHA.webhookSecret);
    // …then alpha goes back to the platform's keys, and a payment is made on them.
    expect((await alpha.api.put('/api/payments/settings', { providers: { stripe: null } }, alpha.organizer)).status).toBe(200);
    const onPlatform = (await alpha.api.post('/api/payments/checkout', { votes: 3, currency: 'USD' }, alpha.voter)).body.paymentId as string;
    expect(authOf(onPlatform)).toBe(`Bearer ${PLATFORM.stripeKey}`);
    await succeed(onPlatform, '/api/payments/webhook', PLATFORM.webhookSecret);

    // Alpha's own keys are gone: its payment is not refunded through the platform's account.
    let calls = fake.requests.length;
    const gone = await refund(own);
    expect(gone.status).toBe(409);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect(gone.body).toMatchObject({ type: 'https://tally.dev/problems/payment-account-keys-gone', paymentId: own, provider: 'stripe', account: { owner: 'tenant', keyFingerprint: expect.stringMatching(/^[0-9a-f]{8}$/) } });
    expect(gone.body.detail).toContain(own);
    expect(gone.body.detail).toContain('no longer configured');
    expect(fake.requests.length).toBe(calls);
    expect(await view(own)).toMatchObject({ status: 'completed', refunded: { amount: 0 } });

    // Alpha now uses another account of its own: still not the account of `own`.
    expect((await alpha.api.put('/api/payments/settings', { providers: { stripe: { secretKey: ALPHA_ROTATED, webhookSecret: ALPHA.webhookSecret } } }, alpha.organizer)).status).toBe(200);
    calls = fake.requests.length;
    expect((await refund(own)).status).toBe(409);
    expect(fake.requests.length).toBe(calls);
    // The platform-made payment is refunded on the platform's account, not alpha's current one.
    expect((await refund(onPlatform)).status).toBe(202);
    expect(lastRefundAuth()).toBe(`Bearer ${PLATFORM.stripeKey}`);

    // The provider now says the pending one succeeded, but only other accounts list it: nothing is applied.
    const pendingIntent = intentOf(ownPending);
    Object.assign(pendingIntent, { status: 'succeeded', amount_received: pendingIntent.amount });
    const blind = await t.app.get(ReconcilePaymentsJob).run();
    expect(blind.skipped).toBeGreaterThan(0);
    expect((await view(ownPending)).status).toBe('pending');

    // Alpha's original key restored: the account's payments are refunded and reconciled with it.
    expect((await alpha.api.put('/api/payments/settings', { providers: { stripe: { secretKey: ALPHA.stripeKey } } }, alpha.organizer)).status).toBe(200);
    expect((await refund(own)).status).toBe(202);
    expect(lastRefundAuth()).toBe(`Bearer ${ALPHA.stripeKey}`);
    const seen = await t.app.get(ReconcilePaymentsJob).run();
    expect(seen.failed).toBe(0);
    expect((await view(ownPending)).status).toBe('completed');
  });

  it('shows the settings audit to the tenant’s organizers and admins, newest first, a page at a time, masked', async () => {
    const all: { auditId: string; changedAt: string; actorId: string | null; requestId: string | null; changes: { field: string }[] }[] = [];
    let cursor: string | null = null;
    do {
      const page = await alpha.api.get(`/api/payments/settings/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`, alpha.organizer);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const stored = await pool.query('select audit_id from payment_settings_audit where tenant_id = $1 order by changed_at desc, audit_id desc', [alpha.id]);
    expect(all.map((entry) => entry.auditId)).toEqual(stored.rows.map((row: { audit_id: string }) => row.audit_id));
    expect(all.length).toBeGreaterThan(3);
    expect(all.at(-1)).toMatchObject({ actorId: expect.any(String), requestId: expect.any(String), changedAt: expect.any(String) });
    expect(all.at(-1)!.changes).toEqual(expect.arrayContaining([{ field: 'providers.stripe.secretKey', from: null, to: 'sk_test_…1111' }]));
    for (const key of ALL_KEYS) expect(JSON.stringify(all)).not.toContain(key);

    expect((await alpha.api.get('/api/payments/settings/audit', admin)).status).toBe(200);
    // Beta's audit is its own.
    const betaAudit = await beta.api.get('/api/payments/settings/audit', admin);
    expect((betaAudit.body.items as { auditId: string }[]).map((entry) => entry.auditId)).not.toContain(all[0].auditId);
    expect((await alpha.api.get('/api/payments/settings/audit', alpha.voter)).status).toBe(403);
    const badCursor = await alpha.api.get('/api/payments/settings/audit?cursor=nope', alpha.organizer);
    expect(badCursor.status).toBe(422);
    expect(badCursor.headers['content-type']).toContain('application/problem+json');
    expect(badCursor.body.field).toBe('cursor');
    expect((await alpha.api.get('/api/payments/settings/audit?limit=500', alpha.organizer)).status).toBe(422);
  });

  it('drops a tenant’s own provider settings back to the platform keys', async () => {
    const reset = await alpha.api.put('/api/payments/settings', { providers: { stripe: null }, defaultProvider: null }, alpha.organizer);
    expect(reset.status).toBe(200);
    expect(reset.body.providers.stripe).toEqual({ own: false, enabled: true, secretKey: null, webhookSecret: null });
    const checkout = await alpha.api.post('/api/payments/checkout', { votes: 1, currency: 'USD' }, alpha.voter);
    expect(authOf(checkout.body.paymentId)).toBe(`Bearer ${PLATFORM.stripeKey}`);
  });

  it('never writes a key to the logs, the event log or the payment logs', async () => {
    const output = logged.join('');
    expect(output).toContain('Payment settings changed');
    const stored = (await pool.query(`select (select string_agg(data::text || metadata::text, '') from es_events) as events, (select string_agg(response::text, '') from payment_logs) as logs, (select string_agg(changes::text, '') from payment_settings_audit) as audit`)).rows[0];
    for (const key of ALL_KEYS) {
      expect(output).not.toContain(key);
      expect(String(stored.events)).not.toContain(key);
      expect(String(stored.logs)).not.toContain(key);
      expect(String(stored.audit)).not.toContain(key);
    }
  });
});
