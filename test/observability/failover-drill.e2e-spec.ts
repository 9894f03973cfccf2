import { randomBytes, randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { FailoverCluster, runFailoverDrill, startFailoverCluster } from '../../bench/support/failover-drill';
import { replicationAvailable } from '../support/replication';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Issue 18's failover drill in CI (the same drill as `npm run bench:failover`, which runs it
 * against production processes): a throw-away primary with a synchronous standby, Tally (one
 * process, API and projections) connected through the address that follows the primary; the
 * primary is killed under a vote load, the standby promoted, the address moved. No vote answered
 * 201 is lost, none counted twice, every 503 carries Retry-After, the read models catch up.
 */
const describeIfPostgres = replicationAvailable() ? describe : describe.skip;

describeIfPostgres('failover drill: primary killed under votes, synchronous standby promoted', () => {
  let cluster: FailoverCluster | undefined;
  let t: TestApp | undefined;
  const admin = { email: 'admin@failover.test', password: randomBytes(12).toString('hex') };

  beforeAll(async () => {
    cluster = await startFailoverCluster({ synchronous: true });
    t = await createTestApp({
      env: {
        DATABASE_URL: cluster.databaseUrl,
        REDIS_URL: 'redis://127.0.0.1:6379/0',
        VOTING_REDIS_PREFIX: `tally-test-failover-${randomUUID()}:`,
        TALLY_BOOTSTRAP_ADMIN: `${admin.email}:${admin.password}`,
        BCRYPT_COST: '4',
      },
    });
    await t.app.listen(0, '127.0.0.1');
  }, 240_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await cluster?.stop();
  }, 120_000);

  it('loses no vote answered 201 and counts none twice', async () => {
    const port = (t!.app.getHttpServer().address() as AddressInfo).port;
    const lines: string[] = [];
    const report = await runFailoverDrill({ base: `http://127.0.0.1:${port}`, admin, cluster: cluster!, connections: 8, voters: 16, votesEachSide: 100, log: (line) => lines.push(line) });
    // The drill's own lines say what happened when something fails.
    expect({ violations: report.violations, lines }).toEqual({ violations: [], lines: expect.any(Array) as unknown });
    expect(report.standbyAtKill?.syncState).toBe('sync');
    expect(report.lost).toEqual([]);
    expect(report.duplicated).toBe(0);
    expect(report.logged).toBeGreaterThanOrEqual(report.accepted);
    expect(report.accepted).toBeGreaterThanOrEqual(report.acceptedBeforeKill + 100);
    expect(report.readModels).toEqual({ leaderboard: report.readModels!.expectedVotes, votesRows: report.logged, expectedVotes: expect.any(Number) as unknown });
  }, 400_000);
});
