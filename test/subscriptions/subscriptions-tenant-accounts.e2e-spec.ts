import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '@tally/eventstore';
import { FakeProviderServer } from '@tally/payments';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import Stripe from 'stripe';
import { ADMIN, api, FAST_IDENTITY_ENV } from '../identity/identity-test-kit';
import { createTestApp, TestApp } from '../support/test-app';
import { problemType } from '../voting/voting-test-kit';
import { plans } from './subscriptions-test-kit';

const PLATFORM = { stripeKey: 'sk_test_platformSubs0000', webhookSecret: 'whsec_platformSubs0000' };
const ALPHA = { stripeKey: 'sk_test_alphaSubsKey1111', webhookSecret: 'whsec_alphaSubsSecret11' };
const BETA = { stripeKey: 'sk_test_betaSubsKey22222', webhookSecret: 'whsec_betaSubsSecret222' };

interface Tenant {
  slug: string;
  id: string;
  api: ReturnType<typeof api>;
  organizer: string;
  voter: string;
  planId: string;
  premiumId: string;
}

/** Subscriptions billed on each tenant's own Stripe account (payments' per-tenant keys), webhooks verified with that tenant's secret. */
describe('subscriptions on tenants\' own Stripe accounts', () => {
  const fake = new FakeProviderServer();
  let t: TestApp;
  let pool: Pool;
  let store: EventStore;
  const tenants: Record<'alpha' | 'beta' | 'gamma', Tenant> = {} as Record<'alpha' | 'beta' | 'gamma', Tenant>;

  beforeAll(async () => {
    await fake.start();
    t = await createTestApp({
      env: {
        ...FAST_IDENTITY_ENV,
        TALLY_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}`,
        STRIPE_API_URL: fake.url,
        STRIPE_SECRET_KEY: PLATFORM.stripeKey,
        STRIPE_WEBHOOK_SECRET: PLATFORM.webhookSecret,
        SUBSCRIPTIONS_LOOKUP_CACHE_MS: '0',
        SUBSCRIPTIONS_JOB_INTERVAL_MS: '3600000',
      },
    });
    pool = t.app.get(PG_POOL);
    store = t.app.get<EventStore>(EVENT_STORE);
    const admin = (await api(t).login(ADMIN.email, ADMIN.password)).accessToken;
    for (const slug of ['alpha', 'beta', 'gamma'] as const) {
      const created = await api(t).post('/api/tenants', { name: slug, slug: `${slug}-subs` }, admin);
      expect(created.status).toBe(201);
      const tenantApi = api(t, `${slug}-subs`);
      const organizerId = await tenantApi.signup(`organizer@${slug}.test`);
      expect((await tenantApi.put(`/api/users/${organizerId}/roles`, { roles: ['organizer', 'voter'] }, admin)).status).toBe(200);
      const organizer = (await tenantApi.login(`organizer@${slug}.test`)).accessToken;
      await tenantApi.signup(`voter@${slug}.test`);
      const voter = (await tenantApi.login(`voter@${slug}.test`)).accessToken;
      const planId = (await tenantApi.post('/api/subscriptions/plans', plans.pro, organizer)).body.planId as string;
      const premiumId = (await tenantApi.post('/api/subscriptions/plans', plans.premium, organizer)).body.planId as string;
      tenants[slug] = { slug: `${slug}-subs`, id: created.body.tenantId, api: tenantApi, organizer, voter, planId, premiumId };
    }
    // Alpha and beta bill on their own Stripe accounts; gamma stays on the platform's.
    for (const [slug, keys] of [['alpha', ALPHA], ['beta', BETA]] as const) {
      const set = await tenants[slug].api.put('/api/payments/settings', { providers: { stripe: { secretKey: keys.stripeKey, webhookSecret: keys.webhookSecret } }, defaultProvider: 'stripe' }, tenants[slug].organizer);
      expect(set.status).toBe(200);
    }
  });

  afterAll(async () => {
    await t?.close();
    await fake.stop();
  });

  const subscribe = async (tenant: Tenant) => {
    const res = await tenant.api.post('/api/subscriptions', { planId: tenant.planId, timeZone: 'UTC' }, tenant.voter);
    expect(res.status).toBe(201);
    return res.body.subscriptionId as string;
  };
  const stripeSubscriptionOf = (subscriptionId: string) => [...fake.stripeSubscriptions.values()].find((s) => (s.metadata as Record<string, string>).tally_subscription_id === subscriptionId)!;
  const keyUsed = (path: string, subscriptionId: string) =>
    fake.requests.filter((r) => r.path === path && r.body['metadata[tally_subscription_id]'] === subscriptionId).map((r) => r.headers.authorization);
  const invoicePaid = (subscriptionId: string, eventId = `evt_${randomUUID()}`) => {
    const sub = stripeSubscriptionOf(subscriptionId);
    const now = Math.floor(Date.now() / 1000);
    const invoice = {
      id: `in_${randomUUID()}`,
      object: 'invoice',
      amount_paid: 999,
      currency: 'usd',
      parent: { type: 'subscription_details', subscription_details: { subscription: sub.id, metadata: sub.metadata } },
      lines: { object: 'list', data: [{ period: { start: now, end: now + 30 * 86_400 } }] },
    };
    return JSON.stringify({ id: eventId, object: 'event', type: 'invoice.paid', api_version: '2026-10-28', created: now, data: { object: invoice } });
  };
  /** Signed by the official SDK's test helper with the given secret. */
  const deliver = (path: string, payload: string, secret: string) =>
    t.http().post(path).set('Content-Type', 'application/json').set('Stripe-Signature', Stripe.webhooks.generateTestHeaderString({ payload, secret })).send(payload);
  const history = async (tenant: Tenant, subscriptionId: string) => (await store.readStream(`subscription-${tenant.id}.${subscriptionId}`)).map((e) => e.type);

  it('bills each tenant on its own Stripe keys (the platform\'s when it has none), and applies only webhooks signed with that account\'s secret', async () => {
    const { alpha, beta, gamma } = tenants;
    const [alphaSub, betaSub, gammaSub] = [await subscribe(alpha), await subscribe(beta), await subscribe(gamma)];
    for (const path of ['/v1/customers', '/v1/subscriptions']) {
      expect(keyUsed(path, alphaSub)).toEqual([`Bearer ${ALPHA.stripeKey}`]);
      expect(keyUsed(path, betaSub)).toEqual([`Bearer ${BETA.stripeKey}`]);
      expect(keyUsed(path, gammaSub)).toEqual([`Bearer ${PLATFORM.stripeKey}`]);
    }
    const started = (await store.readStream<{ account: unknown }>(`subscription-${alpha.id}.${alphaSub}`))[0];
    expect(started.data.account).toEqual({ owner: 'tenant', keyFingerprint: expect.stringMatching(/^[0-9a-f]{8}$/) });

    // Alpha's invoice signed with beta's secret: not alpha's signature (400, nothing recorded); on beta's path it verifies but may not touch alpha's subscription.
    const forged = invoicePaid(alphaSub, 'evt_alpha_forged');
    const refused = await deliver(`/api/subscriptions/webhook/stripe/${alpha.slug}`, forged, BETA.webhookSecret);
    expect([refused.status, refused.body.type]).toEqual([400, problemType('invalid-webhook-signature')]);
    expect((await pool.query(`select 1 from subscription_webhooks where provider_event_id = 'evt_alpha_forged'`)).rowCount).toBe(0);
    const crossTenant = await deliver(`/api/subscriptions/webhook/stripe/${beta.slug}`, forged, BETA.webhookSecret);
    expect(crossTenant.body).toMatchObject({ outcome: 'ignored' });
    // The platform's secret on the shared path does not speak for alpha's own account either.
    const platformSigned = await deliver('/api/subscriptions/webhook/stripe', invoicePaid(alphaSub, 'evt_alpha_platform'), PLATFORM.webhookSecret);
    expect(platformSigned.body).toMatchObject({ outcome: 'ignored' });
    const { rows: ignored } = await pool.query(`select status, last_error from subscription_webhooks where provider_event_id in ('evt_alpha_forged', 'evt_alpha_platform') order by provider_event_id`);
    expect(ignored.map((r: { status: string }) => r.status)).toEqual(['ignored', 'ignored']);
    expect(ignored.every((r: { last_error: string | null }) => (r.last_error ?? '').length > 0)).toBe(true);
    expect(await history(alpha, alphaSub)).toEqual(['SubscriptionStarted']);

    // Each signed with its own account's secret is applied.
    expect((await deliver(`/api/subscriptions/webhook/stripe/${alpha.slug}`, invoicePaid(alphaSub), ALPHA.webhookSecret)).body).toMatchObject({ outcome: 'processed' });
    expect((await deliver(`/api/subscriptions/webhook/stripe/${beta.id}`, invoicePaid(betaSub), BETA.webhookSecret)).body).toMatchObject({ outcome: 'processed' });
    expect((await deliver('/api/subscriptions/webhook/stripe', invoicePaid(gammaSub), PLATFORM.webhookSecret)).body).toMatchObject({ outcome: 'processed' });
    // A tenant without its own keys is verified with the platform's secret on its own path too.
    expect((await deliver(`/api/subscriptions/webhook/stripe/${gamma.slug}`, invoicePaid(gammaSub), PLATFORM.webhookSecret)).body).toMatchObject({ outcome: 'processed' });
    for (const [tenant, id] of [[alpha, alphaSub], [beta, betaSub], [gamma, gammaSub]] as const) {
      expect((await tenant.api.get(`/api/subscriptions/${id}`, tenant.voter)).body).toMatchObject({ status: 'active', quotaActive: true });
    }

    // Upgrade and cancel go to the account the subscription is billed on.
    expect((await alpha.api.post(`/api/subscriptions/${alphaSub}/upgrade`, { planId: alpha.premiumId }, alpha.voter)).status).toBe(200);
    expect((await alpha.api.post(`/api/subscriptions/${alphaSub}/cancel`, {}, alpha.voter)).status).toBe(200);
    const alphaStripeId = String(stripeSubscriptionOf(alphaSub).id);
    const updates = fake.requests.filter((r) => r.path === `/v1/subscriptions/${alphaStripeId}`);
    expect(updates.map((r) => [r.body.proration_behavior ?? r.body.cancel_at_period_end, r.headers.authorization])).toEqual([
      ['always_invoice', `Bearer ${ALPHA.stripeKey}`],
      ['true', `Bearer ${ALPHA.stripeKey}`],
    ]);
    expect((await deliver('/api/subscriptions/webhook/stripe/nobody-here', invoicePaid(betaSub), BETA.webhookSecret)).status).toBe(400);
  });

  it('keeps a subscription on the account it started on: once the tenant removes those keys, changing it is refused (503) rather than billed elsewhere', async () => {
    const { beta } = tenants;
    const other = await beta.api.signup('second@beta.test');
    expect(other).toEqual(expect.any(String));
    const token = (await beta.api.login('second@beta.test')).accessToken;
    const res = await beta.api.post('/api/subscriptions', { planId: beta.planId, timeZone: 'UTC' }, token);
    expect(res.status).toBe(201);
    const subscriptionId = res.body.subscriptionId as string;
    expect((await deliver(`/api/subscriptions/webhook/stripe/${beta.slug}`, invoicePaid(subscriptionId), BETA.webhookSecret)).body).toMatchObject({ outcome: 'processed' });
    expect((await beta.api.put('/api/payments/settings', { providers: { stripe: null } }, beta.organizer)).status).toBe(200);
    const refused = await beta.api.post(`/api/subscriptions/${subscriptionId}/upgrade`, { planId: beta.premiumId }, token);
    expect([refused.status, refused.body.type]).toEqual([503, problemType('billing-not-configured')]);
    expect(fake.requests.some((r) => r.path === `/v1/subscriptions/${String(stripeSubscriptionOf(subscriptionId).id)}`)).toBe(false);
    expect(await history(beta, subscriptionId)).toEqual(['SubscriptionStarted', 'SubscriptionInvoicePaid']);
  });
});
