/**
 * Leaderboard lag under a steady vote rate (issue 4: "under 1,000 votes per second, the
 * leaderboard lags the event log by under one second").
 *
 * The whole app runs in this process (createApp, PostgreSQL + Redis on 127.0.0.1, projection
 * runner on). Votes are issued through the CommandBus — the same CastVote handler the HTTP
 * route calls, without HTTP and auth, which bench:votes measures — at a fixed rate, one vote per
 * command, spread over many voters. Every 20 ms a sampler reads the live ranking (the store GET
 * /api/leaderboard reads) and computes the lag: now − the time the oldest accepted vote not yet
 * shown there was answered (0 when everything answered is shown).
 *
 *   npm run bench:leaderboard-lag
 *   BENCH_RATE=1000 BENCH_SECONDS=15 BENCH_VOTERS=500 npm run bench:leaderboard-lag
 *
 * PROJECTIONS_BATCH_SIZE is 1000 unless set (the runner's default too; 200 fell behind near
 * 1,000 votes/s when the API and the projections share one process).
 *
 * It creates and drops its own database and Redis prefix.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { commandMetadata } from '@tally/eventstore';
import { createTestDatabase, uuidv7 } from '@tally/platform';
import { DEMO_TENANT_SLUG, TenantDirectory } from '@tally/tenancy';
import {
  AddContestantCommand,
  CastVoteCommand,
  ChangeContestStatusCommand,
  CreateContestCommand,
  GrantCreditsCommand,
  RANKING_STORE,
  RankingStore,
} from '@tally/voting';
import Redis from 'ioredis';
import { createApp } from '../apps/api/src/create-app';

const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const VOTERS = Number(process.env.BENCH_VOTERS ?? 500);
const CONTESTANTS = Number(process.env.BENCH_CONTESTANTS ?? 10);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

async function main(): Promise<void> {
  const database = await createTestDatabase('postgres');
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-bench-'));
  const prefix = `tally-bench-${randomUUID()}:`;
  const app = await createApp({
    env: { NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: database.url, ALLOW_PLAINTEXT_LOOPBACK: 'true', DATA_DIR: dataDir, REDIS_URL, VOTING_REDIS_PREFIX: prefix, JWT_SECRET: 'b'.repeat(40), IDENTITY_PII_HMAC_KEY: 'p'.repeat(40), TALLY_MASTER_KEY: 'm'.repeat(40), DATABASE_POOL_SIZE: '20', PROJECTIONS_BATCH_SIZE: process.env.PROJECTIONS_BATCH_SIZE ?? '1000' },
  });
  try {
    const commands = app.get(CommandBus);
    const ranking = app.get<RankingStore>(RANKING_STORE);
    const tenantId = (await app.get(TenantDirectory).findBySlug(DEMO_TENANT_SLUG))!.id;
    const meta = (actorId: string | null = null) => commandMetadata({ tenantId, actorId, clientIp: null });
    const now = Date.now();
    const { eventId } = await commands.execute(
      new CreateContestCommand({ name: 'Lag bench', startDate: new Date(now - 86_400_000).toISOString(), endDate: new Date(now + 86_400_000).toISOString(), voteCap: 1_000_000 }, meta()),
    );
    const contestants: string[] = [];
    for (let i = 0; i < CONTESTANTS; i++) contestants.push((await commands.execute(new AddContestantCommand({ contestId: eventId, name: `C${i}` }, meta()))).contestantId);
    await commands.execute(new ChangeContestStatusCommand({ contestId: eventId, to: 'open' }, meta()));
    const voters = Array.from({ length: VOTERS }, () => uuidv7());
    for (const userId of voters) {
      await commands.execute(new GrantCreditsCommand({ userId, credits: 1_000_000, grantId: uuidv7(), source: { kind: 'admin', ref: 'bench' } }, meta()));
    }
    await sleep(1000);

    const answeredAt: number[] = []; // completion times of accepted votes, in completion order
    let refused = 0;
    let failed = 0;
    let inFlight = 0;
    let shown = 0;
    const lags: number[] = [];
    let sampling = true;
    const baseline = ((await ranking.read(tenantId, eventId)) ?? []).reduce((sum, e) => sum + e.votes, 0);
    const sampler = (async () => {
      while (sampling) {
        const total = ((await ranking.read(tenantId, eventId)) ?? []).reduce((sum, e) => sum + e.votes, 0) - baseline;
        const t = performance.now();
        shown = total;
        // The oldest answered vote the leaderboard does not show yet (votes are 1 each, and the
        // projection applies them in log order, which is close to answer order).
        const oldestMissing = answeredAt[total];
        lags.push(oldestMissing === undefined ? 0 : t - oldestMissing);
        await sleep(20);
      }
    })();

    const total = RATE * SECONDS;
    const started = performance.now();
    let issued = 0;
    while (issued < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
      for (; issued < due; issued++) {
        const userId = voters[issued % VOTERS];
        inFlight++;
        commands
          .execute(new CastVoteCommand({ userId, contestantId: contestants[issued % CONTESTANTS], amount: 1, eventId, idempotencyKey: `b${issued}` }, meta(userId)))
          .then(() => answeredAt.push(performance.now()))
          .catch((error: { code?: string }) => (error.code ? refused++ : failed++))
          .finally(() => inFlight--);
      }
      await sleep(2);
    }
    while (inFlight > 0) await sleep(5);
    const elapsed = (performance.now() - started) / 1000;
    const lastAnswer = performance.now();
    while (shown < answeredAt.length && performance.now() - lastAnswer < 30_000) await sleep(5);
    const catchUp = performance.now() - lastAnswer;
    sampling = false;
    await sampler;

    const sorted = [...lags].sort((a, b) => a - b);
    console.log(`target rate          : ${RATE} votes/s for ${SECONDS} s, ${VOTERS} voters, ${CONTESTANTS} contestants (Redis ranking store, PostgreSQL 15, PROJECTIONS_BATCH_SIZE ${process.env.PROJECTIONS_BATCH_SIZE ?? '1000'}, API and projections in one process)`);
    console.log(`achieved             : ${(answeredAt.length / elapsed).toFixed(0)} accepted votes/s (${answeredAt.length} accepted, ${refused} refused, ${failed} failed) in ${elapsed.toFixed(1)} s`);
    console.log(`leaderboard lag      : p50 ${pct(sorted, 50).toFixed(0)} ms  p95 ${pct(sorted, 95).toFixed(0)} ms  p99 ${pct(sorted, 99).toFixed(0)} ms  max ${sorted[sorted.length - 1].toFixed(0)} ms  (${lags.length} samples)`);
    console.log(`after the last answer: leaderboard complete in ${catchUp.toFixed(0)} ms (shows ${shown} of ${answeredAt.length})`);
  } finally {
    await app.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
