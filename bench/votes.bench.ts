/**
 * Vote throughput through the whole production path: `POST /api/votes` with real access tokens
 * and Idempotency-Keys against a Tally server started here (NODE_ENV=production, PostgreSQL and
 * Redis on 127.0.0.1), beside two ceilings measured in the same run on the same machine:
 * requests/s of a trivial route of the same server (GET /health/live, same connections) and
 * the raw single-row INSERT rate of the same PostgreSQL (same concurrency). Then, measured
 * together, the leaderboard lag (from the last 201 until GET /api/leaderboard/event/{id} shows
 * every accepted vote) and the Merkle log lag (until GET /api/events/{id}/log/head is a signed
 * head over every vote: the anchoring projection keeps up, and every receipt can be served).
 *
 *   npm run bench:votes
 *   BENCH_SECONDS=30 BENCH_CONNECTIONS=64 BENCH_VOTERS=400 BENCH_CONTESTANTS=10 npm run bench:votes
 *
 * Knobs: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (16), BENCH_VOTERS (64),
 * BENCH_CONTESTANTS (10), BENCH_TOPOLOGY (split | all | api2, see support/topology.ts), BENCH_API_ENV (extra
 * server env, e.g. "EVENTSTORE_GROUP_COMMIT_FLUSHES=0,LOG_LEVEL=info"),
 * BENCH_POSTGRES_ADMIN_URL, BENCH_REDIS_URL. Own database and Redis prefix, removed at the end.
 *
 * BENCH_PROTECTIONS: `off` (default: RATE_LIMITS_ENABLED=false FRAUD_SCREENING_ENABLED=false in the
 * servers), `on` (both true; every rate limit rule raised out of reach so the checks run and
 * refuse nothing, support/protections.ts), or `compare`: two more ROLE=api processes, started
 * together on the same database, worker and contest, one with protections off (the baseline, as
 * the servers above) and one with them on, the latter with BENCH_VOTERS voters of its own
 * (support/compare-sides.ts says why); after the report, each is warmed up alike for
 * BENCH_COMPARE_WARMUP_SECONDS (10), then the vote measurement alternates between them in BENCH_COMPARE_ROUNDS (4) rounds of
 * off-on / on-off slices of BENCH_COMPARE_SECONDS (5) each, so a machine whose load drifts (other
 * work on shared cores) weighs on both alike; both lines are printed with their ratio and each
 * party's CPU per vote (issue 13's target: on ≥ 85 % of off, p99 < 50 ms at 16 connections).
 * BENCH_COMPARE_RATE paces both sides to that many votes/s, to compare CPU per vote at equal load.
 * BENCH_PROTECTIONS_ON_ENV changes the "on" side's settings, e.g. `FRAUD_SCREENING_ENABLED=false`
 * to measure rate limiting alone; BENCH_PROTECTED_NODE_ARGS gives that process node flags (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof`: a profile of votes with protections on and nothing else).
 *
 * BENCH_ACCESS_LOG: `on` (default, as deployed: ACCESS_LOG_ENABLED=true), `off`, or `compare`: the
 * servers run with access logging off, and a baseline and one more ROLE=api process with it on (protections as
 * BENCH_PROTECTIONS says, off or on), compared in alternating slices as above (issue 17's target:
 * on costs under 5 %). One compare at a time.
 */
import { Pool } from 'pg';
import { prepareContest } from './support/contest-setup';
import { leaderboardLag, merkleLogLag } from './support/lag';
import { formatStatuses, ms, runLoad } from './support/load';
import { ADMIN_URL, measure, percentile, RAW_TABLE_SQL, rawInsert } from './support/pg-bench';
import { extraEnv, startApiServers } from './support/topology';
import { CpuCost, cpuPerRequest, cpuSnapshot, formatCpu, postgresBackendRoles } from './support/cpu-budget';
import { nodeArgsFrom, openBenchEnvironment, startTally, TallyProcess } from './support/server';
import { VoteTraffic } from './support/vote-load';
import { PROTECTIONS_OFF, protectionsFromEnv, protectionsOnEnv, raiseRateLimits } from './support/protections';
import { ACCESS_LOG_ON, accessLogEnv, accessLogFromEnv } from './support/access-log';
import { compareSides } from './support/compare-sides';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
/** Votes each compared process gets before the rounds: a fresh one needs about 10 s of them to reach full speed. */
const COMPARE_WARMUP = Number(process.env.BENCH_COMPARE_WARMUP_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const VOTERS = Number(process.env.BENCH_VOTERS ?? 64);
const CONTESTANTS = Number(process.env.BENCH_CONTESTANTS ?? 10);
const PROTECTIONS = protectionsFromEnv();
const ACCESS_LOG = accessLogFromEnv();

async function main(): Promise<void> {
  if (PROTECTIONS === 'compare' && ACCESS_LOG === 'compare') throw new Error('BENCH_PROTECTIONS=compare and BENCH_ACCESS_LOG=compare: one compare per run');
  const protections = PROTECTIONS === 'on' ? protectionsOnEnv() : PROTECTIONS_OFF;
  const environment = await openBenchEnvironment();
  const servers = await startApiServers(environment, { ...protections, ...accessLogEnv(ACCESS_LOG) }).catch(async (error: unknown) => {
    await environment.cleanup();
    throw error;
  });
  let baseline: TallyProcess | undefined;
  let guarded: TallyProcess | undefined;
  let logged: TallyProcess | undefined;
  try {
    const base = servers.url;
    const all = servers.urls;
    console.log(`Tally ${servers.description}; PostgreSQL: ${environment.database.settings}; protections ${PROTECTIONS}; access log ${ACCESS_LOG}`);
    if (PROTECTIONS === 'compare' || ACCESS_LOG === 'compare') {
      // The "off" side of a compare: a process as young as the "on" one and started with it, not the
      // servers above, which the report has warmed longer (an A/A compare against them gave 90.6 %).
      baseline = await startTally({ kind: 'api', name: 'api-baseline', env: environment.env({ ROLE: 'api', ...protections, ...accessLogEnv(ACCESS_LOG), ...extraEnv() }), nodeArgs: nodeArgsFrom('BENCH_NODE_ARGS') });
    }
    if (PROTECTIONS === 'compare') {
      guarded = await startTally({ kind: 'api', name: 'api-protected', env: environment.env({ ROLE: 'api', ...accessLogEnv(ACCESS_LOG), ...extraEnv(), ...protectionsOnEnv() }), nodeArgs: nodeArgsFrom('BENCH_PROTECTED_NODE_ARGS') });
      console.log(`protections on: one more ROLE=api process (${guarded.url}) with ${Object.entries(protectionsOnEnv()).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    }
    if (ACCESS_LOG === 'compare') {
      logged = await startTally({ kind: 'api', name: 'api-access-log', env: environment.env({ ROLE: 'api', ...protections, ...extraEnv(), ...ACCESS_LOG_ON }) });
      console.log(`access log on: one more ROLE=api process (${logged.url}) with ACCESS_LOG_ENABLED=true`);
    }
    const protectedBase = PROTECTIONS === 'on' ? base : guarded?.url;
    if (protectedBase) console.log(`rate limits: ${await raiseRateLimits(protectedBase, { email: environment.adminEmail, password: environment.adminPassword })} rules kept in force with limits out of reach`);
    const setupStarted = performance.now();
    // A compare's "on" process gets voters of its own (support/compare-sides.ts).
    const comparing = guarded !== undefined || logged !== undefined;
    const prepared = await prepareContest(base, { email: environment.adminEmail, password: environment.adminPassword }, { voters: comparing ? 2 * VOTERS : VOTERS, contestants: CONTESTANTS, credits: 1_000_000 });
    const contest = { ...prepared, voters: prepared.voters.slice(0, VOTERS) };
    console.log(`set-up: ${prepared.voters.length} voters signed up, logged in and granted credits, ${CONTESTANTS} contestants, in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

    const traffic = new VoteTraffic(contest, CONNECTIONS);
    await runLoad({ url: all, connections: CONNECTIONS, seconds: WARMUP, request: traffic.request, onResponse: traffic.onResponse });
    await runLoad({ url: all, connections: CONNECTIONS, seconds: 1, request: () => ({ method: 'GET', path: '/health/live' }) });

    // CPU per request of every party (support/cpu-budget.ts) and of each Tally process, from /proc.
    const pids = servers.processes.map((p) => p.child.pid);
    let budget = cpuSnapshot(pids);
    const trivial = await runLoad({ url: all, connections: CONNECTIONS, seconds: SECONDS, request: () => ({ method: 'GET', path: '/health/live' }) });
    const trivialBudget = cpuPerRequest(budget, cpuSnapshot(pids), trivial.requests, await postgresBackendRoles(ADMIN_URL));
    budget = cpuSnapshot(pids);
    const votes = await runLoad({ url: all, connections: CONNECTIONS, seconds: SECONDS, request: traffic.request, onResponse: traffic.onResponse });
    const voteBudget = cpuPerRequest(budget, cpuSnapshot(pids), votes.requests, await postgresBackendRoles(ADMIN_URL));
    const voteSplit = servers.processes.map((p, i) => `${p.name} ${voteBudget.tallyByProcess[i].toFixed(2)}`).join(', ');
    // What the ratio could be if the API processes and the load generator spent on a vote only
    // what they spend on a trivial request: the rest of a vote's cost (PostgreSQL, the worker)
    // is storage and projection work that no handler code can remove.
    const apiCpu = (cost: CpuCost): number => servers.processes.reduce((sum, p, i) => (p.url ? sum + cost.tallyByProcess[i] : sum), 0);
    const handlerFree = voteBudget.machine - (apiCpu(voteBudget) - apiCpu(trivialBudget)) - (voteBudget.loadGenerator - trivialBudget.loadGenerator);
    const [lag, merkleLag] = await Promise.all([
      leaderboardLag(base, contest.eventId, traffic.accepted, traffic.lastAcceptedAt),
      merkleLogLag(base, contest.eventId, traffic.accepted, traffic.lastAcceptedAt),
    ]);

    const setup = new Pool({ connectionString: environment.database.url, max: 1 });
    await setup.query(RAW_TABLE_SQL);
    await setup.end();
    const inserts = await measure(environment.database.url, rawInsert, CONNECTIONS, SECONDS);
    const insertRate = inserts.operations / inserts.seconds;
    const insertSorted = [...inserts.latenciesMs].sort((a, b) => a - b);

    const accepted = votes.rateOf(201);
    const acceptedLatency = votes.percentiles(201);
    console.log(`\n${SECONDS} s per measurement, ${CONNECTIONS} connections, ${VOTERS} voters, ${CONTESTANTS} contestants`);
    console.log(`trivial route GET /health/live : ${trivial.rate.toFixed(0)} req/s  p50 ${ms(trivial.p50)}  p95 ${ms(trivial.p95)}  p99 ${ms(trivial.p99)}  [${formatStatuses(trivial)}]`);
    console.log(`raw single-row INSERT (${CONNECTIONS} conns): ${insertRate.toFixed(0)} rows/s  p50 ${ms(percentile(insertSorted, 50))}  p95 ${ms(percentile(insertSorted, 95))}  p99 ${ms(percentile(insertSorted, 99))}`);
    console.log(`POST /api/votes                : ${accepted.toFixed(0)} accepted votes/s  p50 ${ms(acceptedLatency.p50)}  p95 ${ms(acceptedLatency.p95)}  p99 ${ms(acceptedLatency.p99)}`);
    console.log(`  all responses                : ${votes.rate.toFixed(0)} req/s  p50 ${ms(votes.p50)}  p95 ${ms(votes.p95)}  p99 ${ms(votes.p99)}  [${formatStatuses(votes)}]`);
    console.log(`Tally CPU per request          : trivial ${trivialBudget.tally.toFixed(2)} ms, vote ${voteBudget.tally.toFixed(2)} ms (${voteSplit}; all Tally processes, incl. projections)`);
    console.log(`CPU per request, every party  : trivial ${formatCpu(trivialBudget)}`);
    console.log(`                                 vote    ${formatCpu(voteBudget)}`);
    console.log(`  votes/s ÷ trivial route      : ${((100 * accepted) / trivial.rate).toFixed(1)} % (a CPU-bound ceiling for it: machine CPU per trivial request ÷ per vote = ${((100 * trivialBudget.machine) / voteBudget.machine).toFixed(1)} %)`);
    // Only with a separate worker: in topology `all` the API process also runs the projections.
    if (servers.processes.some((p) => !p.url)) {
      console.log(`  the same ceiling if the API and load generator spent on a vote what they spend on a trivial request: ${((100 * trivialBudget.machine) / handlerFree).toFixed(1)} %`);
    }
    console.log(`  votes/s ÷ raw INSERT         : ${((100 * accepted) / insertRate).toFixed(1)} %`);
    console.log(
      `leaderboard lag                : ${lag.lagMs === null ? `NOT caught up within 60 s (shows ${lag.total} of ${traffic.accepted})` : `${lag.lagMs.toFixed(0)} ms after the last 201 (shows ${lag.total}, ${traffic.accepted} accepted incl. warm-up)`}`,
    );
    if (lag.total > traffic.accepted) console.log(`  WARNING: the leaderboard shows more votes (${lag.total}) than were answered 201 (${traffic.accepted})`);
    console.log(
      `Merkle log lag                 : ${merkleLag.lagMs === null ? `NOT caught up within 60 s (signed head of ${merkleLag.total} of ${traffic.accepted} leaves)` : `${merkleLag.lagMs.toFixed(0)} ms after the last 201 (signed head of ${merkleLag.total} leaves, ${traffic.accepted} votes incl. warm-up)`}`,
    );
    if (merkleLag.total > traffic.accepted) console.log(`  WARNING: the Merkle log holds more leaves (${merkleLag.total}) than votes were answered 201 (${traffic.accepted})`);

    if (baseline?.url) {
      const off = { urls: [baseline.url], pid: baseline.child.pid, traffic };
      // A compare's voters beyond the first VOTERS (prepared holds them only for a compare).
      const onVoters = (): VoteTraffic => new VoteTraffic({ ...prepared, voters: prepared.voters.slice(VOTERS) }, CONNECTIONS);
      const compared = { connections: CONNECTIONS, warmupSeconds: COMPARE_WARMUP, off, workerPid: servers.processes.find((p) => !p.url)?.child.pid, adminUrl: ADMIN_URL };
      if (guarded?.url) await compareSides({ ...compared, feature: 'protections', target: 'target ≥ 85 %, p99 < 50 ms', on: { urls: [guarded.url], pid: guarded.child.pid, traffic: onVoters() } });
      if (logged?.url) await compareSides({ ...compared, feature: 'access log', target: 'target: costs under 5 %, i.e. ≥ 95 %', on: { urls: [logged.url], pid: logged.child.pid, traffic: onVoters() } });
    }
  } finally {
    await baseline?.stop().catch(() => undefined);
    await guarded?.stop().catch(() => undefined);
    await logged?.stop().catch(() => undefined);
    await servers.stop();
    await environment.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
