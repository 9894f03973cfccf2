/**
 * The failover drill (issue 18) against production processes: a ROLE=api process and a
 * ROLE=worker process (NODE_ENV=production), connected to a throw-away PostgreSQL primary
 * through the address that follows the primary (test/support/tcp-proxy.ts: a virtual IP or
 * Kubernetes Service in a deployment); one streaming standby. Votes flow; the primary is killed
 * (immediate stop), the standby promoted (pg_ctl promote) and the address moved to it. Tally is
 * neither restarted nor reconfigured. The drill is in bench/support/failover-drill.ts; the
 * machine's shared PostgreSQL (5432) is not touched, apart from the bench's own empty database.
 *
 *   npm run bench:failover                                  # synchronous standby, then asynchronous
 *   BENCH_FAILOVER_MODES=sync npm run bench:failover        # the guarantee only
 *
 * Exit code 1 when, with the synchronous standby, a vote answered 201 is missing from the
 * promoted server's log, a vote is logged twice, a vote is answered 5xx other than 503, a 503
 * lacks Retry-After or the read models do not catch up. With asynchronous replication the
 * answered votes the promoted server does not have are measured and printed, not failed on.
 *
 * Knobs: BENCH_CONNECTIONS (16), BENCH_VOTERS (32), BENCH_FAILOVER_VOTES (1000 votes answered
 * before the kill and again after the switch), BENCH_FAILOVER_MODES (sync,async).
 */
import { FailoverReport, runFailoverDrill, startFailoverCluster } from './support/failover-drill';
import { formatTally } from './support/retrying-votes';
import { openBenchEnvironment, startTally, TallyProcess } from './support/server';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const VOTERS = Number(process.env.BENCH_VOTERS ?? 32);
const VOTES = Number(process.env.BENCH_FAILOVER_VOTES ?? 1000);
const MODES = (process.env.BENCH_FAILOVER_MODES ?? 'sync,async').split(',').map((mode) => mode.trim());

async function drill(synchronous: boolean): Promise<FailoverReport> {
  console.log(`\n${synchronous ? 'synchronous standby (synchronous_standby_names = *, synchronous_commit = on)' : 'asynchronous standby'}`);
  const cluster = await startFailoverCluster({ synchronous });
  const environment = await openBenchEnvironment();
  const processes: TallyProcess[] = [];
  try {
    // The worker logs at info: startTally waits for its "worker running" line.
    const env = (role: string): Record<string, string> => environment.env({ ROLE: role, DATABASE_URL: cluster.databaseUrl, ...(role === 'worker' ? { LOG_LEVEL: 'info' } : {}) });
    const api = await startTally({ kind: 'api', name: 'failover-api', env: env('api') });
    processes.push(api);
    processes.push(await startTally({ kind: 'worker', name: 'failover-worker', env: env('worker') }));
    console.log(`  primary :${cluster.primary.port}, standby :${cluster.standby.port}, Tally's address :${cluster.proxy.port}; logs ${processes.map((p) => p.logFile).join(' ')}`);
    const report = await runFailoverDrill({
      base: api.url!,
      admin: { email: environment.adminEmail, password: environment.adminPassword },
      cluster,
      connections: CONNECTIONS,
      voters: VOTERS,
      votesEachSide: VOTES,
      log: (line) => console.log(`  ${line}`),
    });
    const nonRetried = [...report.tally.statuses].filter(([status]) => status !== 201 && status !== 503 && status !== 0 && status !== 409);
    console.log(`  answers: [${formatTally(report.tally)}]${nonRetried.length ? ' (final non-201 answers counted above)' : ''}`);
    console.log(`  answered 201 and missing after the failover: ${report.lost.length} of ${report.accepted}; logged twice: ${report.duplicated}`);
    for (const violation of report.violations) console.log(`  VIOLATION: ${violation}`);
    return report;
  } finally {
    for (const child of processes.reverse()) await child.stop().catch(() => undefined);
    await environment.cleanup();
    await cluster.stop();
  }
}

async function main(): Promise<void> {
  let violations = 0;
  for (const mode of MODES) {
    if (mode !== 'sync' && mode !== 'async') throw new Error(`BENCH_FAILOVER_MODES: unknown mode ${mode} (sync, async)`);
    violations += (await drill(mode === 'sync')).violations.length;
  }
  console.log(violations === 0 ? '\nOK: no violation' : `\nFAILED: ${violations} violation(s)`);
  process.exitCode = violations === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
