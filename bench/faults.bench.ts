/**
 * Faults under load. An API process (ROLE=api) and a projection worker (ROLE=worker) run as
 * separate production child processes; votes flow the whole time. In turn:
 *   1. PostgreSQL stops (fast shutdown) for a few seconds and starts again;
 *   2. Redis shuts down (nosave) and starts again (command of /work/shared/SERVICES.md);
 *   3. the worker is SIGKILLed while it projects, and restarted.
 * Clients behave as the API asks: on 503 (or no answer) they retry the same request with the same
 * Idempotency-Key after Retry-After. Checks, each a violation when it fails (exit code 1):
 *   - every 503 carries Retry-After; the API serves 201s again by itself after each fault;
 *   - every vote answered 201 is a VoteCast in the event log;
 *   - no idempotency key produced two VoteCast events (no vote appended twice);
 *   - after the projections catch up, the leaderboard total equals the accepted votes in the log
 *     and the votes read model holds each logged vote once (no vote counted twice or lost).
 * PostgreSQL and Redis are started again whatever happens (finally, signals, exit).
 *
 *   npm run bench:faults
 *   BENCH_FAULT_DOWN_SECONDS=5 BENCH_CONNECTIONS=32 npm run bench:faults
 *
 * Knobs: BENCH_CONNECTIONS (16), BENCH_VOTERS (32), BENCH_FAULT_DOWN_SECONDS (3),
 * BENCH_STEADY_SECONDS (3), BENCH_PG_CLUSTER ("15 main"). Own database and Redis prefix.
 */
import { execSync } from 'node:child_process';
import { Agent } from 'node:http';
import { Pool } from 'pg';
import { prepareContest, TENANT } from './support/contest-setup';
import { send } from './support/load';
import { formatTally as snapshot, newRetryTally, voteContinuously } from './support/retrying-votes';
import { openBenchEnvironment, sleep, startTally, TallyProcess } from './support/server';
import { VoteTraffic } from './support/vote-load';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const VOTERS = Number(process.env.BENCH_VOTERS ?? 32);
const DOWN = Number(process.env.BENCH_FAULT_DOWN_SECONDS ?? 3) * 1000;
const STEADY = Number(process.env.BENCH_STEADY_SECONDS ?? 3) * 1000;
const PG_CLUSTER = process.env.BENCH_PG_CLUSTER ?? '15 main';
const REDIS_START = 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log';

const violations: string[] = [];
const violation = (text: string): void => {
  violations.push(text);
  console.log(`  VIOLATION: ${text}`);
};

function sh(command: string): string {
  return execSync(command, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).toString().trim();
}
const pgUp = (): boolean => {
  try {
    sh('pg_isready -q -h 127.0.0.1');
    return true;
  } catch {
    return false;
  }
};
const redisUp = (): boolean => {
  try {
    return sh('redis-cli -h 127.0.0.1 ping') === 'PONG';
  } catch {
    return false;
  }
};
/** Whatever happened, leave PostgreSQL and Redis running: CI shares this machine. */
function restoreServices(): void {
  try {
    if (!pgUp()) sh(`pg_ctlcluster --skip-systemctl-redirect ${PG_CLUSTER} start`);
  } catch (error) {
    console.error('could not start PostgreSQL again:', error);
  }
  try {
    if (!redisUp()) sh(REDIS_START);
  } catch (error) {
    console.error('could not start Redis again:', error);
  }
}
process.on('exit', restoreServices);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    restoreServices();
    process.exit(130);
  });
}

/** Waits until the API answers 201s again after a fault; returns the seconds it took. */
async function recovery(traffic: VoteTraffic, since: number, label: string): Promise<void> {
  const deadline = performance.now() + 90_000;
  const before = traffic.accepted;
  while (performance.now() < deadline) {
    if (traffic.accepted > before && traffic.lastAcceptedAt > since) {
      console.log(`  ${label}: 201s again ${((traffic.lastAcceptedAt - since) / 1000).toFixed(1)} s after the store came back`);
      return;
    }
    await sleep(50);
  }
  violation(`${label}: the API did not serve a 201 within 90 s after recovery`);
}

/**
 * Waits until the worker has a transaction open that has already written (it holds a
 * transaction id: a projection batch between its first write and its commit, seen in
 * pg_stat_activity by the worker's application_name) and SIGKILLs it at that moment, so the kill
 * lands mid-batch rather than between batches.
 */
async function killMidBatch(url: string, worker: TallyProcess): Promise<{ backend: number; state: string; openMs: number; query: string } | null> {
  const db = new Pool({ connectionString: url, max: 1 });
  try {
    const deadline = performance.now() + 10_000;
    while (performance.now() < deadline) {
      const { rows } = await db.query<{ pid: number; state: string; open_ms: number; query: string }>(
        `SELECT pid, state, (extract(epoch from clock_timestamp() - xact_start) * 1000)::int AS open_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 80) AS query
           FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'tally-worker' AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
          LIMIT 1`,
      );
      if (rows[0]) {
        await worker.kill('SIGKILL');
        return { backend: rows[0].pid, state: rows[0].state, openMs: rows[0].open_ms, query: rows[0].query };
      }
    }
    await worker.kill('SIGKILL');
    return null;
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  restoreServices();
  const environment = await openBenchEnvironment();
  const processes: TallyProcess[] = [];
  try {
    const apiEnv = environment.env({ ROLE: 'api' });
    const workerEnv = environment.env({ ROLE: 'worker', LOG_LEVEL: 'info' });
    const api = await startTally({ kind: 'api', name: 'faults-api', env: apiEnv });
    processes.push(api);
    let worker = await startTally({ kind: 'worker', name: 'faults-worker', env: workerEnv });
    processes.push(worker);
    const base = api.url!;
    console.log(`api (ROLE=api) pid ${api.child.pid}, worker (ROLE=worker) pid ${worker.child.pid}; logs ${api.logFile} ${worker.logFile}`);
    const contest = await prepareContest(base, { email: environment.adminEmail, password: environment.adminPassword }, { voters: VOTERS, contestants: 5, credits: 1_000_000 });
    const traffic = new VoteTraffic(contest, CONNECTIONS, true);
    const tally = newRetryTally();
    let stop = false;
    const load = voteContinuously(base, traffic, tally, CONNECTIONS, () => stop);
    // Leaderboard reads alongside, to see what readers get while a store is down.
    const reads = new Map<number, number>();
    let readsMissingRetryAfter = 0;
    const reader = (async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      while (!stop) {
        const response = await send(agent, new URL(base), { method: 'GET', path: `/api/leaderboard/event/${contest.eventId}`, headers: { 'x-tenant-id': TENANT } }, 5000);
        reads.set(response.status, (reads.get(response.status) ?? 0) + 1);
        if (response.status === 503 && !response.headers['retry-after']) readsMissingRetryAfter++;
        await sleep(100);
      }
      agent.destroy();
    })();

    await sleep(STEADY);
    console.log(`steady: ${traffic.accepted} accepted [${snapshot(tally)}]`);

    console.log(`PostgreSQL: stop for ${DOWN / 1000} s, then start`);
    sh(`pg_ctlcluster --skip-systemctl-redirect ${PG_CLUSTER} stop -m fast`);
    await sleep(DOWN);
    console.log(`  while down: [${snapshot(tally)}]`);
    sh(`pg_ctlcluster --skip-systemctl-redirect ${PG_CLUSTER} start`);
    await recovery(traffic, performance.now(), 'PostgreSQL');
    await sleep(STEADY);

    console.log(`Redis: shutdown nosave for ${DOWN / 1000} s, then start`);
    sh('redis-cli -h 127.0.0.1 shutdown nosave || true');
    await sleep(DOWN);
    console.log(`  while down: votes [${snapshot(tally)}], leaderboard reads [${[...reads].map(([s, c]) => `${s}×${c}`).join(' ')}]`);
    sh(REDIS_START);
    await recovery(traffic, performance.now(), 'Redis');
    await sleep(STEADY);

    console.log('worker: SIGKILL in the middle of a projection batch while votes flow, restart after 2 s');
    const batch = await killMidBatch(environment.database.url, worker);
    console.log(
      batch
        ? `  killed while its batch transaction had written and not committed (backend ${batch.backend}, ${batch.state}, open ${batch.openMs} ms: ${batch.query})`
        : '  no open batch transaction seen within 10 s; killed anyway',
    );
    if (!batch) violation('the worker kill could not be placed inside a projection batch');
    await sleep(2000);
    worker = await startTally({ kind: 'worker', name: 'faults-worker-2', env: workerEnv });
    processes.push(worker);
    await sleep(STEADY);

    stop = true;
    await Promise.all([load, reader]);
    console.log(`load stopped: ${tally.requests} requests [${snapshot(tally)}], ${traffic.accepted} votes answered 201 (${tally.replayed} of them idempotent replays after a retry)`);
    console.log(`leaderboard reads: [${[...reads].map(([s, c]) => `${s}×${c}`).join(' ')}]`);
    if (tally.missingRetryAfter > 0) violation(`${tally.missingRetryAfter} vote 503s without Retry-After`);
    if (readsMissingRetryAfter > 0) violation(`${readsMissingRetryAfter} leaderboard 503s without Retry-After`);
    if ((tally.statuses.get(500) ?? 0) > 0) violation(`${tally.statuses.get(500)} votes answered 500`);

    // The log is the truth: compare it with the 201s, then the read models with the log.
    const db = new Pool({ connectionString: environment.database.url, max: 2 });
    const logged = await db.query<{ event_id: string; key: string; amount: number; status: string }>(
      `select event_id, data->>'idempotencyKey' as key, (data->>'amount')::int as amount, data->>'status' as status
         from es_events where event_type = 'VoteCast' and data->>'contestId' = $1`,
      [contest.eventId],
    );
    const loggedIds = new Set(logged.rows.map((row) => row.event_id));
    const missing = [...traffic.acceptedIds].filter((id) => !loggedIds.has(id));
    if (missing.length > 0) violation(`${missing.length} votes answered 201 are not in the event log (e.g. ${missing.slice(0, 3).join(', ')})`);
    const keys = new Set(logged.rows.map((row) => row.key));
    if (keys.size !== logged.rows.length) violation(`${logged.rows.length - keys.size} idempotency keys produced more than one VoteCast`);
    const expected = logged.rows.filter((row) => row.status === 'accepted').reduce((sum, row) => sum + row.amount, 0);
    console.log(`event log: ${logged.rows.length} VoteCast (${expected} accepted votes); ${logged.rows.length - traffic.acceptedIds.size} logged without a 201 reaching the client (answered during a fault, then replayed or abandoned)`);

    const deadline = performance.now() + 120_000;
    let shown = -1;
    let rows = -1;
    while (performance.now() < deadline) {
      const view = await fetch(`${base}/api/leaderboard/event/${contest.eventId}`, { headers: { 'x-tenant-id': TENANT } }).then(
        (response) => (response.ok ? (response.json() as Promise<{ items: { votes: number }[] }>) : null),
        () => null,
      );
      shown = view ? view.items.reduce((sum, item) => sum + item.votes, 0) : -1;
      rows = Number((await db.query<{ n: string }>('select count(*) as n from votes where event_id = $1', [contest.eventId])).rows[0].n);
      if (shown === expected && rows === logged.rows.length) break;
      await sleep(250);
    }
    const dead = await db.query<{ n: string }>('select count(*) as n from es_dead_letters').catch(() => ({ rows: [{ n: 'n/a' }] }));
    console.log(`after catch-up: leaderboard shows ${shown} (log says ${expected}); votes read model ${rows} rows (log ${logged.rows.length}); dead letters ${dead.rows[0].n}`);
    if (shown !== expected) violation(`leaderboard shows ${shown} votes, the log holds ${expected}`);
    if (rows !== logged.rows.length) violation(`votes read model has ${rows} rows, the log ${logged.rows.length} VoteCast`);
    await db.end();
  } finally {
    restoreServices();
    for (const process of processes.reverse()) await process.stop().catch(() => undefined);
    await environment.cleanup();
  }
  console.log(violations.length === 0 ? '\nOK: no vote lost or counted twice, every 503 had Retry-After, recovered by itself after each fault' : `\nFAILED: ${violations.length} violation(s)`);
  process.exitCode = violations.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  restoreServices();
  process.exit(1);
});
