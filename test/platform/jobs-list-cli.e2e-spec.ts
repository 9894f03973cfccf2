import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JobScheduler } from '@tally/jobs';
import { WebhookRetryJob } from '@tally/payments';
import { PG_POOL, uuidv7 } from '@tally/platform';
import { Pool } from 'pg';
import { FAST_IDENTITY_ENV } from '../identity/identity-test-kit';
import { createTestApp, TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run cli -- jobs:list` as an operator runs it: a process of its own on the server's
 * database (DATABASE_URL), after the server recorded a job run and holds a dead task.
 */
describe('npm run cli -- jobs:list', () => {
  let t: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tally-cli-'));
    // A server database the CLI process can share (PGlite belongs to one process).
    t = await createTestApp({ database: 'postgres', env: { ...FAST_IDENTITY_ENV, DATA_DIR: dataDir } });
    expect(await t.app.get(JobScheduler).tick(t.app.get(WebhookRetryJob))).toBe('ran');
    await t.app
      .get<Pool>(PG_POOL)
      .query(`insert into async_tasks (task_id, task_type, payload, status, attempts, last_error, next_attempt_at) values ($1, 'elsewhere.refund', '{}', 'dead', 5, 'Error: provider down', null)`, [uuidv7()]);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function npmCli(...argv: string[]): Promise<Exit> {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: t.database.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
    for (const name of ['REDIS_URL', 'EVENTSTORE_URL', 'DATABASE_REPLICA_URLS', 'API_WORKERS']) delete env[name];
    const child = spawn('npm', ['run', '--silent', 'cli', '--', ...argv], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    return new Promise((done) => child.once('close', (code) => done({ code, stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() })));
  }

  it('prints every job with its last run, next run and failures, then the async tasks', async () => {
    const run = await npmCli('jobs:list');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^job\s+schedule\s+last run\s+next run\s+failures 24h\s+last error$/m);
    expect(run.stdout).toMatch(/^payments\.webhook-retry\s+every 900000 ms\s+succeeded \d{4}-\d\d-\d\dT\S+Z\s+\d{4}-\d\d-\d\dT\S+Z\s+0$/m);
    // A five-minute boundary may fall inside the test: the sweep has then run once already.
    expect(run.stdout).toMatch(/^platform\.dead-letter-sweep\s+cron \*\/5 \* \* \* \* UTC\s+(never ran|succeeded \d{4}-\S+Z)\s+\d{4}-\S+Z\s+0$/m);
    expect(run.stdout).toMatch(/^elsewhere\.refund\s+dead\s+1\s+1$/m);
  }, 300_000);

  it('prints the same as JSON with --json, and refuses an unknown option with exit code 2', async () => {
    const json = await npmCli('jobs:list', '--json');
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as { jobs: { name: string; failures24h: number; lastRun: { status: string } | null }[]; tasks: unknown[] };
    expect(listed.jobs.find((job) => job.name === 'payments.webhook-retry')).toMatchObject({ failures24h: 0, lastRun: { status: 'succeeded' } });
    expect(listed.jobs.map((job) => job.name)).toEqual(expect.arrayContaining(['identity.expired-sessions-cleanup', 'platform.dead-letter-sweep', 'voting.leaderboard-recalc']));
    expect(listed.tasks).toEqual([{ type: 'elsewhere.refund', status: 'dead', count: 1, waitingForOperator: 1 }]);

    const bad = await npmCli('jobs:list', '--bogus');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--bogus'");
  }, 300_000);
});
