/**
 * Leaderboard reads while votes flow: GET /api/leaderboard/event/{id} (public; live counts from
 * the Redis sorted set, names and baselines from PostgreSQL) on some connections while others
 * cast votes through POST /api/votes, same server, same time. Then reads alone for comparison.
 *
 *   npm run bench:leaderboard
 *   BENCH_SECONDS=30 BENCH_CONNECTIONS=32 BENCH_READ_CONNECTIONS=32 npm run bench:leaderboard
 *
 * Knobs: BENCH_SECONDS (10), BENCH_CONNECTIONS (vote connections, 16), BENCH_READ_CONNECTIONS (16),
 * BENCH_VOTERS (64), BENCH_CONTESTANTS (10), BENCH_API_ENV. Own database and Redis prefix.
 */
import { prepareContest, TENANT } from './support/contest-setup';
import { leaderboardLag } from './support/lag';
import { formatStatuses, LoadResult, ms, runLoad } from './support/load';
import { openBenchEnvironment } from './support/server';
import { startApiServers } from './support/topology';
import { VoteTraffic } from './support/vote-load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const VOTE_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const READ_CONNECTIONS = Number(process.env.BENCH_READ_CONNECTIONS ?? 16);
const VOTERS = Number(process.env.BENCH_VOTERS ?? 64);
const CONTESTANTS = Number(process.env.BENCH_CONTESTANTS ?? 10);

function line(label: string, result: LoadResult, status: number): string {
  const p = result.percentiles(status);
  return `${label}: ${result.rateOf(status).toFixed(0)}/s (${status})  p50 ${ms(p.p50)}  p95 ${ms(p.p95)}  p99 ${ms(p.p99)}  [${formatStatuses(result)}]`;
}

async function main(): Promise<void> {
  const environment = await openBenchEnvironment();
  const servers = await startApiServers(environment).catch(async (error: unknown) => {
    await environment.cleanup();
    throw error;
  });
  try {
    const base = servers.url;
    const all = servers.urls;
    console.log(`Tally ${servers.description}`);
    const contest = await prepareContest(base, { email: environment.adminEmail, password: environment.adminPassword }, { voters: VOTERS, contestants: CONTESTANTS, credits: 1_000_000 });
    const traffic = new VoteTraffic(contest, VOTE_CONNECTIONS);
    const read = () => ({ method: 'GET', path: `/api/leaderboard/event/${contest.eventId}`, headers: { 'x-tenant-id': TENANT } });
    // Warm-up of both paths.
    await Promise.all([
      runLoad({ url: all, connections: VOTE_CONNECTIONS, seconds: 2, request: traffic.request, onResponse: traffic.onResponse }),
      runLoad({ url: all, connections: READ_CONNECTIONS, seconds: 2, request: read }),
    ]);
    const [votes, reads] = await Promise.all([
      runLoad({ url: all, connections: VOTE_CONNECTIONS, seconds: SECONDS, request: traffic.request, onResponse: traffic.onResponse }),
      runLoad({ url: all, connections: READ_CONNECTIONS, seconds: SECONDS, request: read }),
    ]);
    const lag = await leaderboardLag(base, contest.eventId, traffic.accepted, traffic.lastAcceptedAt);
    const alone = await runLoad({ url: all, connections: READ_CONNECTIONS, seconds: SECONDS, request: read });

    console.log(`\n${SECONDS} s, ${VOTE_CONNECTIONS} vote connections + ${READ_CONNECTIONS} read connections, ${CONTESTANTS} contestants`);
    console.log(line('GET leaderboard while voting', reads, 200));
    console.log(line('POST /api/votes meanwhile   ', votes, 201));
    console.log(line('GET leaderboard alone       ', alone, 200));
    console.log(`leaderboard lag after the last 201: ${lag.lagMs === null ? `not caught up in 60 s (${lag.total}/${traffic.accepted})` : `${lag.lagMs.toFixed(0)} ms (${lag.total} votes shown, ${traffic.accepted} accepted)`}`);
  } finally {
    await servers.stop();
    await environment.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
