/**
 * The failover drill (issue 18), shared by `npm run bench:failover` (production processes) and
 * test/observability/failover-drill.e2e-spec.ts (CI). On throw-away servers only
 * (test/support/replication.ts): a PostgreSQL primary with one streaming standby, and Tally
 * connected through a stable address (test/support/tcp-proxy.ts, what a virtual IP or a
 * Kubernetes Service is in a deployment). While votes flow, the primary is killed (immediate
 * stop, as a crash), the standby promoted (pg_ctl promote) and the address moved to it. Tally
 * is not restarted or reconfigured: its pools reconnect to the same address.
 *
 * Checked against the promoted server's event log: every vote answered 201 is there, no
 * Idempotency-Key produced two VoteCast events, no vote was answered 500, every 503 carried
 * Retry-After, and the read models (votes rows, the leaderboard) catch up to the log. With a
 * synchronous standby (synchronous_standby_names = '*', synchronous_commit = on) losing an
 * answered vote is a violation; with asynchronous replication the drill only measures it.
 */
import { PgServer, startPrimary, startStandby } from '../../test/support/replication';
import { startTcpProxy, TcpProxy } from '../../test/support/tcp-proxy';
import { leaderboardTotal, prepareContest } from './contest-setup';
import { formatTally, newRetryTally, RetryTally, voteContinuously } from './retrying-votes';
import { sleep } from './server';
import { VoteTraffic } from './vote-load';

export interface FailoverCluster {
  primary: PgServer;
  standby: PgServer;
  /** The address Tally's DATABASE_URL names; it follows the primary. */
  proxy: TcpProxy;
  synchronous: boolean;
  /** DATABASE_URL for Tally: the database `database` through the proxy. */
  databaseUrl: string;
  database: string;
  stop(): Promise<void>;
}

/** A primary and its standby (synchronous or not), a database for Tally, and the proxy in front. */
export async function startFailoverCluster(options: { synchronous: boolean; database?: string }): Promise<FailoverCluster> {
  const database = options.database ?? 'tally_failover';
  const primary = await startPrimary({ synchronousStandbys: options.synchronous });
  let standby: PgServer | undefined;
  try {
    // The standby first: with a synchronous standby named, a commit waits until one is connected.
    standby = await startStandby(primary, { name: 'standby1' });
    await primary.query(`create database ${database}`);
    const proxy = await startTcpProxy(primary.port);
    const started = standby;
    return {
      primary,
      standby: started,
      proxy,
      synchronous: options.synchronous,
      database,
      databaseUrl: `postgresql://postgres@127.0.0.1:${proxy.port}/${database}`,
      stop: async () => {
        await proxy.close();
        await Promise.all([primary.stop(), started.stop()]);
      },
    };
  } catch (error) {
    await standby?.stop();
    await primary.stop();
    throw error;
  }
}

export interface FailoverDrillOptions {
  /** Tally's HTTP base URL (its DATABASE_URL is cluster.databaseUrl). */
  base: string;
  admin: { email: string; password: string };
  cluster: FailoverCluster;
  connections: number;
  voters: number;
  /** Votes answered 201 before the primary is killed, and again after the switch, at least. */
  votesEachSide: number;
  log?: (line: string) => void;
}

export interface FailoverReport {
  /** Votes answered 201 (to distinct requests). */
  accepted: number;
  acceptedBeforeKill: number;
  /** 201 vote ids the promoted server's log does not hold. */
  lost: string[];
  /** Idempotency keys with more than one VoteCast in the log. */
  duplicated: number;
  logged: number;
  tally: RetryTally;
  /** Replication as the primary saw it just before the kill. */
  standbyAtKill: { syncState: string; replayLagBytes: number } | null;
  /** From the kill to the promoted server accepting writes, and to the first 201 after it. */
  promoteMs: number;
  firstVoteAfterMs: number | null;
  readModels: { leaderboard: number; votesRows: number; expectedVotes: number } | null;
  violations: string[];
}

export async function runFailoverDrill(options: FailoverDrillOptions): Promise<FailoverReport> {
  const log = options.log ?? (() => undefined);
  const { cluster } = options;
  const violations: string[] = [];
  const contest = await prepareContest(options.base, options.admin, { voters: options.voters, contestants: 3, credits: 1_000_000 });
  const traffic = new VoteTraffic(contest, options.connections, true);
  const tally = newRetryTally();
  let stopped = false;
  const load = voteContinuously(options.base, traffic, tally, options.connections, () => stopped);
  try {
    await until(() => traffic.accepted >= options.votesEachSide, 120_000, 'votes before the kill');
    const replication = await cluster.primary.query<{ sync_state: string; lag: string }>(
      "select sync_state, (pg_current_wal_lsn() - replay_lsn)::bigint::text as lag from pg_stat_replication where application_name = 'standby1'",
    );
    const standbyAtKill = replication[0] ? { syncState: replication[0].sync_state, replayLagBytes: Number(replication[0].lag) } : null;
    const acceptedBeforeKill = traffic.accepted;
    log(`steady: ${acceptedBeforeKill} accepted [${formatTally(tally)}]; standby ${standbyAtKill?.syncState ?? 'not connected'}, ${standbyAtKill?.replayLagBytes ?? '?'} bytes behind`);

    const killedAt = performance.now();
    await cluster.primary.stop({ mode: 'immediate', remove: false });
    log(`primary killed (immediate stop) [${formatTally(tally)}]`);
    await cluster.standby.promote();
    cluster.proxy.retarget(cluster.standby.port);
    const promoteMs = performance.now() - killedAt;
    log(`standby promoted and the address moved to it ${Math.round(promoteMs)} ms after the kill`);

    const acceptedAtSwitch = traffic.accepted;
    let firstVoteAfterMs: number | null = null;
    try {
      await until(() => traffic.lastAcceptedAt > killedAt + promoteMs && traffic.accepted > acceptedAtSwitch, 90_000, 'a 201 after the switch');
      firstVoteAfterMs = traffic.lastAcceptedAt - killedAt;
      log(`first 201 from the promoted server ${Math.round(firstVoteAfterMs)} ms after the kill`);
      await until(() => traffic.accepted >= acceptedAtSwitch + options.votesEachSide, 120_000, 'votes after the switch');
    } catch (error) {
      violations.push((error as Error).message);
    }
    stopped = true;
    await load;

    const rows = await cluster.standby.query<{ event_id: string; key: string; amount: number; status: string }>(
      `select event_id, data->>'idempotencyKey' as key, (data->>'amount')::int as amount, data->>'status' as status
         from es_events where event_type = 'VoteCast' and data->>'contestId' = $1`,
      [contest.eventId],
      cluster.database,
    );
    const loggedIds = new Set(rows.map((row) => row.event_id));
    const lost = [...traffic.acceptedIds].filter((id) => !loggedIds.has(id));
    const duplicated = rows.length - new Set(rows.map((row) => row.key)).size;
    log(`load stopped: ${tally.requests} requests [${formatTally(tally)}], ${traffic.accepted} answered 201 (${tally.replayed} idempotent replays); the promoted log holds ${rows.length} VoteCast, ${lost.length} of the 201s missing`);
    if (cluster.synchronous && lost.length > 0) violations.push(`${lost.length} votes answered 201 are not in the promoted server's log (e.g. ${lost.slice(0, 3).join(', ')})`);
    if (duplicated > 0) violations.push(`${duplicated} idempotency keys produced more than one VoteCast`);
    if (tally.missingRetryAfter > 0) violations.push(`${tally.missingRetryAfter} 503s without Retry-After`);
    const serverErrors = [...tally.statuses].filter(([status]) => status >= 500 && status !== 503).reduce((sum, [, count]) => sum + count, 0);
    if (serverErrors > 0) violations.push(`${serverErrors} votes answered 5xx other than 503`);

    const expectedVotes = rows.filter((row) => row.status === 'accepted').reduce((sum, row) => sum + row.amount, 0);
    const readModels = await caughtUp(options.base, contest.eventId, cluster, expectedVotes, rows.length);
    log(`read models on the promoted server: leaderboard ${readModels.leaderboard} (log ${expectedVotes}), votes rows ${readModels.votesRows} (log ${rows.length})`);
    if (readModels.leaderboard !== expectedVotes || readModels.votesRows !== rows.length) violations.push('the read models did not catch up with the promoted log');
    return { accepted: traffic.accepted, acceptedBeforeKill, lost, duplicated, logged: rows.length, tally, standbyAtKill, promoteMs, firstVoteAfterMs, readModels, violations };
  } finally {
    stopped = true;
    await load;
  }
}

/** Waits until the leaderboard and the votes read model match the log, or 120 s. */
async function caughtUp(base: string, eventId: string, cluster: FailoverCluster, expectedVotes: number, expectedRows: number): Promise<NonNullable<FailoverReport['readModels']>> {
  const deadline = performance.now() + 120_000;
  let state = { leaderboard: -1, votesRows: -1, expectedVotes };
  while (performance.now() < deadline) {
    const leaderboard = await leaderboardTotal(base, eventId).catch(() => -1);
    const [{ n }] = await cluster.standby.query<{ n: string }>('select count(*)::text as n from votes where event_id = $1', [eventId], cluster.database);
    state = { leaderboard, votesRows: Number(n), expectedVotes };
    if (leaderboard === expectedVotes && state.votesRows === expectedRows) break;
    await sleep(250);
  }
  return state;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(50);
  }
}
