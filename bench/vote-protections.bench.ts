/**
 * What the vote path's protections cost the API process and Redis, without the rest of a vote:
 * per vote, the three default rate-limit buckets (`ip-requests-per-minute` on one shared address,
 * `user-votes-per-hour`, `user-votes-per-day`, limits out of reach) counted by BucketLimiter, then
 * the fraud signal observation (RedisSignalStore, or MirroredSignalStore), for BENCH_PROTECTION_VOTERS voters from
 * BENCH_PROTECTION_CONNECTIONS concurrent loops, on a real Redis. Two set-ups in interleaved rounds
 * in one process, so that the machine's other load hits both alike:
 * - `per vote`: RATE_LIMIT_LEASE_MAX=1 and FRAUD_SIGNAL_BATCH_MAX=1 (every bucket counted in Redis,
 *   one script per vote: what the vote path did before leases and batches);
 * - `leased + batched`: leases of up to 50 points and FRAUD_SIGNAL_SYNC=exact (up to 64 votes per
 *   script: RedisSignalStore);
 * - `leased + mirrored`: the defaults, leases and FRAUD_SIGNAL_SYNC=mirrored (the signal state read
 *   from this process's view, published every 20 ms: MirroredSignalStore).
 * Prints, per vote: this process's CPU (user + system), Redis's CPU (INFO used_cpu_*), Redis
 * commands (INFO commandstats) — point BENCH_REDIS_URL at a Redis nothing else uses for the Redis
 * figures to be this bench's own — and the median latency of one vote's protections.
 *
 *   BENCH_REDIS_URL=redis://127.0.0.1:6379 npm run bench:protections
 *
 * Knobs: BENCH_PROTECTION_ROUNDS (6 per set-up), BENCH_PROTECTION_VOTES (4000 per round),
 * BENCH_PROTECTION_CONNECTIONS (16), BENCH_PROTECTION_VOTERS (64).
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { PlatformConfig } from '@tally/platform';
import { BucketLimiter } from '../libs/ratelimit/src/engine/bucket-limiter';
import { DEFAULT_RULES } from '../libs/ratelimit/src/domain/default-rules';
import { loadRateLimitConfig } from '../libs/ratelimit/src/ratelimit.config';
import { MirroredSignalStore } from '../libs/fraud/src/signal-store/mirrored-signal.store';
import { RedisSignalStore } from '../libs/fraud/src/signal-store/redis-signal.store';
import { SignalStore } from '../libs/fraud/src/signal-store/signal-store.port';
import { percentile } from './support/pg-bench';

const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROUNDS = Number(process.env.BENCH_PROTECTION_ROUNDS ?? 6);
const VOTES = Number(process.env.BENCH_PROTECTION_VOTES ?? 4000);
const CONNECTIONS = Number(process.env.BENCH_PROTECTION_CONNECTIONS ?? 16);
const VOTERS = Number(process.env.BENCH_PROTECTION_VOTERS ?? 64);
const UNREACHABLE = 1_000_000_000;

/** The default rules a vote counts in, raised out of reach (as bench:votes runs them). */
const VOTE_RULES = DEFAULT_RULES.filter((rule) => rule.route === '*' || rule.route === '/api/votes').map((rule) => ({ ...rule, limit: UNREACHABLE }));

interface SetUp {
  name: string;
  limiter: BucketLimiter;
  signals: SignalStore;
}

interface Round {
  votes: number;
  cpuMs: number;
  redisCpuMs: number;
  redisCommands: number;
  latenciesMs: number[];
}

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const prefix = `bench:protections:${randomUUID()}:`;
  const platform = { redisUrl: REDIS_URL } as PlatformConfig;
  const mirrored = new MirroredSignalStore(redis, { prefix: `${prefix}c:`, flushMs: 20, batchMax: 64 });
  const setUps: SetUp[] = [
    { name: 'per vote', limiter: new BucketLimiter(loadRateLimitConfig({ RATE_LIMIT_REDIS_PREFIX: `${prefix}a:`, RATE_LIMIT_LEASE_MAX: '1' }), platform), signals: new RedisSignalStore(redis, `${prefix}a:`, 1) },
    { name: 'leased + batched', limiter: new BucketLimiter(loadRateLimitConfig({ RATE_LIMIT_REDIS_PREFIX: `${prefix}b:` }), platform), signals: new RedisSignalStore(redis, `${prefix}b:`, 64) },
    { name: 'leased + mirrored', limiter: new BucketLimiter(loadRateLimitConfig({ RATE_LIMIT_REDIS_PREFIX: `${prefix}c:` }), platform), signals: mirrored },
  ];
  try {
    await Promise.all(setUps.map((setUp) => setUp.limiter.onModuleInit()));
    const rounds = new Map<string, Round[]>(setUps.map((setUp) => [setUp.name, []]));
    // A warm-up round each (script loading, JIT), not counted.
    for (const setUp of setUps) await runRound(setUp, redis, Math.min(VOTES, 1000));
    for (let round = 0; round < ROUNDS; round++) {
      for (const setUp of round % 2 === 0 ? setUps : [...setUps].reverse()) rounds.get(setUp.name)!.push(await runRound(setUp, redis, VOTES));
    }
    console.log(`vote-path protections, ${ROUNDS} interleaved rounds of ${VOTES} votes per set-up, ${CONNECTIONS} concurrent, ${VOTERS} voters, Redis ${REDIS_URL}:`);
    for (const setUp of setUps) console.log(`  ${setUp.name.padEnd(17)}: ${summary(rounds.get(setUp.name)!)}`);
  } finally {
    await Promise.all(setUps.map((setUp) => setUp.limiter.onApplicationShutdown()));
    await mirrored.close();
    await deleteKeys(redis, `${prefix}*`);
    redis.disconnect();
  }
}

/** VOTES votes from CONNECTIONS loops: the three buckets, then the signal observation, as the vote path does. */
async function runRound(setUp: SetUp, redis: Redis, votes: number): Promise<Round> {
  const before = { cpu: process.cpuUsage(), redis: await redisCounters(redis) };
  const latenciesMs: number[] = [];
  let next = 0;
  const loop = async (): Promise<void> => {
    while (next < votes) {
      const n = next++;
      const userId = `voter-${n % VOTERS}`;
      const started = performance.now();
      const answers = VOTE_RULES.map((rule) => setUp.limiter.consume(rule, rule.scope === 'ip' ? 'i:198.51.100.7' : `u:${userId}`));
      await Promise.all(answers.map((answer) => Promise.resolve(answer)));
      await setUp.signals.observe({ tenantId: 'bench', userId, observationId: `o${n}`, ip: null, deviceHash: null, phonePrefix: null, location: null, nowMs: Date.now() });
      latenciesMs.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  // What a set-up does after its votes (the mirror's publication every 20 ms) is part of their cost.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const cpu = process.cpuUsage(before.cpu);
  const after = await redisCounters(redis);
  // The two INFO calls themselves are two commands and a little Redis CPU: negligible next to thousands of votes.
  return { votes, cpuMs: (cpu.user + cpu.system) / 1000, redisCpuMs: after.cpuMs - before.redis.cpuMs, redisCommands: after.commands - before.redis.commands, latenciesMs };
}

async function redisCounters(redis: Redis): Promise<{ cpuMs: number; commands: number }> {
  const cpu = await redis.info('cpu');
  const field = (name: string): number => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(cpu)?.[1] ?? 0);
  const stats = await redis.info('commandstats');
  const commands = [...stats.matchAll(/calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
  return { cpuMs: (field('used_cpu_user') + field('used_cpu_sys')) * 1000, commands };
}

function summary(rounds: Round[]): string {
  const votes = rounds.reduce((sum, round) => sum + round.votes, 0);
  const perVote = (pick: (round: Round) => number): number[] => rounds.map((round) => pick(round) / round.votes);
  const median = (values: number[]): number => percentile([...values].sort((a, b) => a - b), 50);
  const latencies = rounds.flatMap((round) => round.latenciesMs).sort((a, b) => a - b);
  return [
    `process CPU ${(1000 * median(perVote((r) => r.cpuMs))).toFixed(1)} µs/vote (rounds ${perVote((r) => r.cpuMs).map((v) => (1000 * v).toFixed(0)).join(' / ')})`,
    `Redis CPU ${(1000 * median(perVote((r) => r.redisCpuMs))).toFixed(1)} µs/vote`,
    `Redis commands ${median(perVote((r) => r.redisCommands)).toFixed(3)}/vote`,
    `protections' latency p50 ${percentile(latencies, 50).toFixed(2)} ms p99 ${percentile(latencies, 99).toFixed(2)} ms (${votes} votes)`,
  ].join('  ');
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = nextCursor;
  } while (cursor !== '0');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
