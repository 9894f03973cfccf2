import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '@tally/platform';
import { freePort } from '../support/replication';
import { eventually } from '../voting/voting-test-kit';
import { Scrape } from './metrics-scrape';

/**
 * ROLE=worker serves GET /metrics on METRICS_PORT (libs/observability worker-metrics.server.ts),
 * through the real entry point (apps/worker/src/main.ts) as a process of its own: the projections'
 * lag per projection and its database queries, which keep moving while it polls; the same token
 * rule as the API's route; nothing else served on that port.
 */
describe('worker metrics on METRICS_PORT', () => {
  let database: TestDatabase;
  let worker: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-worker-metrics-'));
  const token = randomBytes(24).toString('hex');
  let base = '';

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = { ...process.env, DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ROLE: 'worker', METRICS_PORT: String(port), METRICS_TOKEN: token, HOST: '127.0.0.1' };
    worker = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], { cwd: join(__dirname, '../..'), env, stdio: 'ignore' });
    await eventually(async () => expect((await fetch(`${base}/metrics`)).status).toBe(401), 120_000);
  }, 180_000);

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const scrape = async (): Promise<Scrape> => {
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return new Scrape(await response.text());
  };

  it("exports the worker's projection lag and database queries, which move while it polls", async () => {
    const first = await scrape();
    expect(first.samples.filter((sample) => sample.name === 'tally_projection_lag_events').map((sample) => sample.labels.projection)).toEqual(
      expect.arrayContaining(['voting-votes', 'voting-leaderboard']),
    );
    const queries = first.sum('tally_db_query_duration_seconds_count');
    await eventually(async () => expect((await scrape()).sum('tally_db_query_duration_seconds_count')).toBeGreaterThan(queries), 30_000);
  });

  it('asks for the metrics token as the API route does, and serves nothing else', async () => {
    const refused = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('www-authenticate')).toContain('Bearer');
    const other = await fetch(`${base}/api/votes`, { headers: { authorization: `Bearer ${token}` } });
    expect(other.status).toBe(404);
    expect(((await other.json()) as { type: string }).type).toMatch(/not-found$/);
  });
});
