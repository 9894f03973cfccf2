/**
 * What the subscription quota costs the vote path, measured on and off in one run against the
 * same database, worker and Redis: two ROLE=api processes, one with SUBSCRIPTIONS_VOTE_QUOTAS=false
 * (the vote decision never asks for a quota: the code path before subscriptions) and one with it
 * on (default). Three sides, alternated in BENCH_COMPARE_ROUNDS rounds of BENCH_COMPARE_SECONDS
 * slices so a drifting machine load weighs on all alike:
 *   off         — voters without a subscription, quotas off
 *   on          — the same voters, quotas on (the hot path adds one map lookup per vote)
 *   subscribers — other voters with a paid subscription (a quota large enough never to run out),
 *                 quotas on: the subscription's state read from the cache and its append condition
 * The subscriptions are billed through Stripe Billing's SDK against a local fake Stripe, their
 * first invoice paid by a webhook signed with the SDK's test helper.
 *
 *   npm run bench:quota
 *
 * Knobs: BENCH_CONNECTIONS (16), BENCH_VOTERS (64 per group), BENCH_CONTESTANTS (10),
 * BENCH_COMPARE_ROUNDS (4), BENCH_COMPARE_SECONDS (5), BENCH_WARMUP_SECONDS (3).
 */
import { randomUUID } from 'node:crypto';
import { FakeProviderServer } from '@tally/payments';
import Stripe from 'stripe';
import { api, inParallel, login, prepareContest, PreparedContest } from './support/contest-setup';
import { cpuPerRequest, cpuSnapshot } from './support/cpu-budget';
import { LoadResult, ms, runLoad } from './support/load';
import { PROTECTIONS_OFF } from './support/protections';
import { openBenchEnvironment, startTally, TallyProcess } from './support/server';
import { startApiServers } from './support/topology';
import { VoteTraffic } from './support/vote-load';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const VOTERS = Number(process.env.BENCH_VOTERS ?? 64);
const CONTESTANTS = Number(process.env.BENCH_CONTESTANTS ?? 10);
const ROUNDS = Number(process.env.BENCH_COMPARE_ROUNDS ?? 4);
const SLICE = Number(process.env.BENCH_COMPARE_SECONDS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const WEBHOOK_SECRET = `whsec_bench_${randomUUID()}`;

type SideName = 'off' | 'on' | 'subscribers';
interface Side {
  name: SideName;
  url: string;
  pid: number | undefined;
  traffic: VoteTraffic;
}

async function main(): Promise<void> {
  const stripe = await new FakeProviderServer().start();
  const billing = { STRIPE_API_URL: stripe.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, ...PROTECTIONS_OFF };
  const environment = await openBenchEnvironment();
  const servers = await startApiServers(environment, billing);
  let off: TallyProcess | undefined;
  try {
    off = await startTally({ kind: 'api', name: 'api-quotas-off', env: environment.env({ ROLE: 'api', ...billing, SUBSCRIPTIONS_VOTE_QUOTAS: 'false' }) });
    const admin = { email: environment.adminEmail, password: environment.adminPassword };
    const plain = await prepareContest(servers.url, admin, { voters: VOTERS, contestants: CONTESTANTS, credits: 1_000_000 });
    const subscribed = await subscribers(servers.url, plain, admin, stripe);
    console.log(`Tally ${servers.description} + api-quotas-off; ${VOTERS} voters without and ${VOTERS} with a subscription, ${CONTESTANTS} contestants`);

    const sides: Side[] = [
      { name: 'off', url: off.url!, pid: off.child.pid, traffic: new VoteTraffic(plain, CONNECTIONS) },
      { name: 'on', url: servers.url, pid: servers.processes.find((p) => p.url)?.child.pid, traffic: new VoteTraffic(plain, CONNECTIONS) },
      { name: 'subscribers', url: servers.url, pid: servers.processes.find((p) => p.url)?.child.pid, traffic: new VoteTraffic(subscribed, CONNECTIONS) },
    ];
    for (const side of sides) await runLoad({ url: [side.url], connections: CONNECTIONS, seconds: WARMUP, request: side.traffic.request, onResponse: side.traffic.onResponse });
    const trivial = await runLoad({ url: [servers.url], connections: CONNECTIONS, seconds: SLICE, request: () => ({ method: 'GET', path: '/health/live' }) });

    const runs = new Map<SideName, { result: LoadResult; apiCpu: number }[]>(sides.map((side) => [side.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const before = cpuSnapshot([side.pid]);
        const result = await runLoad({ url: [side.url], connections: CONNECTIONS, seconds: SLICE, request: side.traffic.request, onResponse: side.traffic.onResponse });
        runs.get(side.name)!.push({ result, apiCpu: cpuPerRequest(before, cpuSnapshot([side.pid]), result.requests).tallyByProcess[0] });
      }
    }
    const drawn = await quotaDrawn(servers.url, subscribed);
    console.log(`\nsame run, ${ROUNDS} rounds of alternating ${SLICE} s slices, ${CONNECTIONS} connections (percentiles: median of the slices'):`);
    console.log(`  reference GET /health/live        : ${trivial.rate.toFixed(0)} req/s  p50 ${ms(trivial.p50)}  p95 ${ms(trivial.p95)}  p99 ${ms(trivial.p99)}`);
    const lines = sides.map((side) => summary(side.name, runs.get(side.name)!));
    for (const line of lines) console.log(`  ${line.text}`);
    const [offLine, onLine, subLine] = lines;
    console.log(`  on ÷ off (no subscription)        : ${((100 * onLine.rate) / offLine.rate).toFixed(1)} % of the rate; API CPU per vote ${signed(onLine.apiCpu - offLine.apiCpu)} ms`);
    console.log(`  subscribers ÷ off                 : ${((100 * subLine.rate) / offLine.rate).toFixed(1)} % of the rate; API CPU per vote ${signed(subLine.apiCpu - offLine.apiCpu)} ms`);
    console.log(`  subscribers' votes drawn from their quota (usage read model): ${drawn} of ${runs.get('subscribers')!.reduce((sum, run) => sum + (run.result.statuses.get(201) ?? 0), 0)} measured 201s (plus the warm-up's)`);
  } finally {
    await off?.stop().catch(() => undefined);
    await servers.stop();
    await environment.cleanup();
    await stripe.stop();
  }
}

/** Other voters, each subscribed to a plan whose quota never runs out, the first invoice paid by a signed webhook. */
async function subscribers(base: string, plain: PreparedContest, admin: { email: string; password: string }, stripe: FakeProviderServer): Promise<PreparedContest> {
  const organizer = await login(base, admin.email, admin.password);
  const { planId } = await api<{ planId: string }>(base, 'POST', '/api/subscriptions/plans', { name: 'Bench', dailyQuota: 1_000_000, monthlyCost: { amount: 999, currency: 'USD' }, overage: 'allow', features: [] }, organizer);
  const password = `bench-${randomUUID()}`;
  const run = randomUUID().slice(0, 8);
  const voters = await inParallel(
    Array.from({ length: VOTERS }, (_, i) => i),
    8,
    async (i) => {
      const email = `subscriber${i}-${run}@bench.test`;
      const { userId } = await api<{ userId: string }>(base, 'POST', '/api/auth/signup', { email, password });
      const token = await login(base, email, password);
      const { subscriptionId } = await api<{ subscriptionId: string }>(base, 'POST', '/api/subscriptions', { planId, timeZone: 'Europe/London' }, token);
      // Our ids as Tally put them on the Stripe subscription (what Stripe echoes on its invoices).
      const metadata = [...stripe.stripeSubscriptions.values()].find((s) => (s.metadata as Record<string, string>).tally_subscription_id === subscriptionId)?.metadata;
      const payload = JSON.stringify({
        id: `evt_${randomUUID()}`,
        object: 'event',
        type: 'invoice.paid',
        data: {
          object: {
            id: `in_${randomUUID()}`,
            object: 'invoice',
            amount_paid: 999,
            currency: 'usd',
            parent: { subscription_details: { metadata } },
            lines: { data: [{ period: { start: Math.floor(Date.now() / 1000) - 60, end: Math.floor(Date.now() / 1000) + 30 * 86_400 } }] },
          },
        },
      });
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
      const paid = await fetch(`${base}/api/subscriptions/webhook/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
      if (paid.status !== 200) throw new Error(`invoice.paid ${paid.status} ${await paid.text()}`);
      return { userId, token, subscriptionId };
    },
  );
  subscriptionIds.push(...voters.map((voter) => ({ subscriptionId: voter.subscriptionId, token: voter.token })));
  return { ...plain, voters: voters.map(({ userId, token }) => ({ userId, token })) };
}

const subscriptionIds: { subscriptionId: string; token: string }[] = [];

async function quotaDrawn(base: string, _contest: PreparedContest): Promise<number> {
  let total = 0;
  for (const { subscriptionId, token } of subscriptionIds) {
    const usage = await api<{ days: { votesUsed: number }[] }>(base, 'GET', `/api/subscriptions/${subscriptionId}/usage`, undefined, token);
    total += usage.days.reduce((sum, day) => sum + day.votesUsed, 0);
  }
  return total;
}

function summary(name: SideName, side: { result: LoadResult; apiCpu: number }[]): { rate: number; apiCpu: number; text: string } {
  const rate = side.reduce((sum, run) => sum + run.result.rateOf(201) * run.result.seconds, 0) / side.reduce((sum, run) => sum + run.result.seconds, 0);
  const p = (key: 'p50' | 'p95' | 'p99'): string => ms(median(side.map((run) => run.result.percentiles(201)[key])));
  const apiCpu = median(side.map((run) => run.apiCpu));
  const other = side.reduce((sum, run) => sum + run.result.requests - (run.result.statuses.get(201) ?? 0), 0);
  const label = { off: 'POST /api/votes, quotas off       ', on: 'POST /api/votes, quotas on        ', subscribers: 'POST /api/votes, subscribers (on) ' }[name];
  return { rate, apiCpu, text: `${label}: ${rate.toFixed(0)} votes/s  p50 ${p('p50')}  p95 ${p('p95')}  p99 ${p('p99')}  API CPU ${apiCpu.toFixed(3)} ms/vote  (slices ${side.map((run) => run.result.rateOf(201).toFixed(0)).join(' / ')}; not 201: ${other})` };
}

const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
