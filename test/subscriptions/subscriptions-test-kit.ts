import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore, StreamNotFoundError } from '@tally/eventstore';
import { FakeProviderServer } from '@tally/payments';
import { voterStream } from '@tally/voting';
import Stripe from 'stripe';
import { ADMIN, ORGANIZER_PASSWORD, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

export const WEBHOOK_SECRET = 'whsec_subscriptions_e2e';

export interface PlanBody {
  name: string;
  dailyQuota: number;
  monthlyCost: { amount: number; currency: string };
  overage: 'allow' | 'deny';
  features: string[];
}

export const plans = {
  basic: { name: 'Basic', dailyQuota: 3, monthlyCost: { amount: 299, currency: 'USD' }, overage: 'allow', features: ['3 a day'] },
  pro: { name: 'Pro', dailyQuota: 10, monthlyCost: { amount: 999, currency: 'USD' }, overage: 'allow', features: ['10 a day'] },
  premium: { name: 'Premium', dailyQuota: 25, monthlyCost: { amount: 1999, currency: 'USD' }, overage: 'allow', features: ['25 a day'] },
  strict: { name: 'Strict', dailyQuota: 5, monthlyCost: { amount: 499, currency: 'USD' }, overage: 'deny', features: ['5 a day, no overage'] },
} satisfies Record<string, PlanBody>;

/** A signed-in user whose token `at()` renews after the clock moves (access tokens live an hour at most). */
export interface Account {
  userId: string;
  email: string;
  token: string;
}

export interface SubscriptionsE2e extends Omit<VotingE2e, 'organizer' | 'openEvent' | 'grant' | 'voter'> {
  fake?: FakeProviderServer;
  organizer: Account;
  /** Moves the clock and signs everyone in again. */
  at(iso: string | Date): Promise<void>;
  voter(): Promise<Account>;
  grant(userId: string, credits: number): Promise<void>;
  openEvent(voteCap: number, endDate?: string): Promise<{ eventId: string; contestants: string[] }>;
  createPlan(body: PlanBody): Promise<string>;
  subscribe(token: string, planId: string, timeZone: string): Promise<{ subscriptionId: string; status: string; provider: string }>;
  /** A Stripe Billing webhook, signed by the SDK's own test helper at the app's clock. */
  deliver(type: string, object: Record<string, unknown>, eventId?: string, secret?: string): Promise<import('supertest').Response>;
  /** An invoice of the Stripe subscription that the fake created for ours (its metadata). */
  invoice(subscriptionId: string, invoiceId: string, periodStart: Date, periodEnd: Date): Record<string, unknown>;
  /** Votes drawn from a quota, from the voter's stream (what the decision counted). */
  quotaDrawn(userId: string): Promise<number>;
  closeAll(): Promise<void>;
}

/** The voting e2e kit plus plans, subscriptions and Stripe Billing (a fake Stripe when `stripe`, else the sandbox). */
export async function startSubscriptionsE2e(options: { stripe: boolean; env?: Record<string, string> }): Promise<SubscriptionsE2e> {
  const fake = options.stripe ? await new FakeProviderServer().start() : undefined;
  // The jobs (and the billing sandbox's clock) run only when a test calls them: the tests move a ManualClock past periods.
  const env = { ...(fake ? { STRIPE_API_URL: fake.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET } : {}), SUBSCRIPTIONS_LOOKUP_CACHE_MS: '0', SUBSCRIPTIONS_JOB_INTERVAL_MS: '3600000', PAYMENTS_SANDBOX_BILLING_SECONDS: '86400', ...options.env };
  const k = await startVotingE2e(env);
  const accounts: Account[] = [];
  const signIn = async (email: string, password: string): Promise<string> => {
    const res = await k.call('post', '/api/auth/login', undefined, { email, password });
    if (res.status !== 200) throw new Error(`login ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { accessToken: string }).accessToken;
  };
  const organizerEmail = `subs-org-${randomUUID().slice(0, 8)}@voting.test`;
  const organizerId = ((await k.call('post', '/api/auth/signup', undefined, { email: organizerEmail, password: ORGANIZER_PASSWORD })).body as { userId: string }).userId;
  const admin = await signIn(ADMIN.email, ADMIN.password);
  const roles = await k.t.http().put(`/api/users/${organizerId}/roles`).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${admin}`).send({ roles: ['organizer'] });
  if (roles.status !== 200) throw new Error(`roles ${roles.status}`);
  const organizer: Account = { userId: organizerId, email: organizerEmail, token: await signIn(organizerEmail, ORGANIZER_PASSWORD) };
  const store = k.t.app.get<EventStore>(EVENT_STORE);
  const providerSubscription = (subscriptionId: string): Record<string, unknown> => {
    const found = [...(fake?.stripeSubscriptions.values() ?? [])].find((s) => (s.metadata as Record<string, string>).tally_subscription_id === subscriptionId);
    if (!found) throw new Error(`No Stripe subscription for ${subscriptionId}`);
    return found;
  };
  return {
    ...k,
    fake,
    organizer,
    at: async (iso) => {
      k.clock.set(iso);
      organizer.token = await signIn(organizer.email, ORGANIZER_PASSWORD);
      for (const account of accounts) account.token = await k.login(account.email);
    },
    voter: async () => {
      const account = await k.voter();
      accounts.push(account);
      return account;
    },
    grant: async (userId, credits) => {
      const res = await k.call('post', '/api/admin/credits/grant', organizer.token, { userId, credits, reason: 'test' });
      if (res.status !== 201) throw new Error(`grant ${res.status} ${JSON.stringify(res.body)}`);
    },
    openEvent: async (voteCap, endDate = '2026-04-01T00:00:00Z') => {
      const created = await k.call('post', '/api/events', organizer.token, { name: `Show ${randomUUID().slice(0, 6)}`, startDate: '2026-02-01T00:00:00Z', endDate, voteCap });
      if (created.status !== 201) throw new Error(`create ${created.status} ${JSON.stringify(created.body)}`);
      const eventId = (created.body as { eventId: string }).eventId;
      const contestants: string[] = [];
      for (const name of ['Ada', 'Bob', 'Cy']) contestants.push(((await k.call('post', `/api/events/${eventId}/contestants`, organizer.token, { name })).body as { contestantId: string }).contestantId);
      const opened = await k.call('post', '/api/admin/events/status', organizer.token, { eventId, status: 'open' });
      if (opened.status !== 200) throw new Error(`open ${opened.status} ${JSON.stringify(opened.body)}`);
      return { eventId, contestants };
    },
    createPlan: async (body) => {
      const res = await k.call('post', '/api/subscriptions/plans', organizer.token, body);
      if (res.status !== 201) throw new Error(`plan ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { planId: string }).planId;
    },
    subscribe: async (token, planId, timeZone) => {
      const res = await k.call('post', '/api/subscriptions', token, { planId, timeZone }, { 'Idempotency-Key': randomUUID() });
      if (res.status !== 201) throw new Error(`subscribe ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { subscriptionId: string; status: string; provider: string };
    },
    deliver: (type, object, eventId = `evt_${randomUUID()}`, secret = WEBHOOK_SECRET) => {
      const payload = JSON.stringify({ id: eventId, object: 'event', type, api_version: '2026-10-28', created: Math.floor(k.clock.now().getTime() / 1000), data: { object } });
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(k.clock.now().getTime() / 1000) });
      return k.t.http().post('/api/subscriptions/webhook/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(payload);
    },
    invoice: (subscriptionId, invoiceId, periodStart, periodEnd) => {
      const sub = providerSubscription(subscriptionId);
      return {
        id: invoiceId,
        object: 'invoice',
        amount_paid: 999,
        currency: 'usd',
        parent: { type: 'subscription_details', subscription_details: { subscription: sub.id, metadata: sub.metadata } },
        lines: { object: 'list', data: [{ period: { start: Math.floor(periodStart.getTime() / 1000), end: Math.floor(periodEnd.getTime() / 1000) } }] },
      };
    },
    quotaDrawn: async (userId) => {
      try {
        const events = await store.readStream<{ quota?: { used: number } }>(voterStream(k.t.tenantId, userId));
        return events.filter((e) => e.type === 'VoteCast').reduce((sum, e) => sum + (e.data.quota?.used ?? 0), 0);
      } catch (error) {
        if (error instanceof StreamNotFoundError) return 0;
        throw error;
      }
    },
    closeAll: async () => {
      await k.close();
      await fake?.stop();
    },
  };
}
