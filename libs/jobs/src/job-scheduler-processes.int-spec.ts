import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '@tally/platform';
import { Pool } from 'pg';

const REPO = join(__dirname, '../../..');
const EVERY_MS = 200;

interface Run {
  status: string;
  pid: number | null;
  createdAt: number;
  completedAt: number | null;
}

/**
 * Two real worker processes (PostgreSQL only: an embedded PGlite database belongs to one
 * process, and there the in-process test of job-scheduler.int-spec.ts covers the same rules):
 * their timers both tick, the job runs once per tick, by the leader; SIGKILLed, the leader is
 * replaced by the other process within a few ticks and the runs go on, never overlapping.
 */
describe('scheduled jobs across two worker processes (PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    pool = new Pool({ connectionString: database.url, max: 1 });
  }, 60_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await pool.end();
    await database.drop();
  });

  const worker = (): ChildProcess => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/jobs/src/testing/job-worker.main.ts'], {
      cwd: REPO,
      env: { ...process.env, JOB_TEST_DB_URL: database.url, JOB_TEST_EVERY_MS: String(EVERY_MS), LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  };
  const runs = async (): Promise<Run[]> => {
    const { rows } = await pool
      .query<{ status: string; result_json: { pid: number } | null; created_at: Date; completed_at: Date | null }>(
        `select b.status, r.result_json, b.created_at, b.completed_at from batch_jobs b left join job_results r using (job_id) where job_type = 'test.pid' order by b.created_at`,
      )
      .catch(() => ({ rows: [] }));
    return rows.map((row) => ({ status: row.status, pid: row.result_json?.pid ?? null, createdAt: row.created_at.getTime(), completedAt: row.completed_at?.getTime() ?? null }));
  };
  const until = async (condition: (all: Run[]) => boolean, timeoutMs: number): Promise<Run[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const all = await runs();
      if (condition(all)) return all;
      if (Date.now() > deadline) throw new Error(`timed out; runs: ${JSON.stringify(all)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const lockConnections = async () => Number((await pool.query<{ n: string }>(`select count(*) as n from pg_stat_activity where datname = current_database() and application_name = 'tally-jobs'`)).rows[0].n);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** How many runs one timer can start over the span of `runs` (one per interval, plus one at each end). */
  const mostRunsAtOnePace = (runs: readonly Run[]): number => (runs.length > 1 ? Math.ceil((runs.at(-1)!.createdAt - runs[0].createdAt) / EVERY_MS) : 0) + 2;

  it('the leader runs the job once per tick while the other stands by; a SIGKILLed leader is replaced', async () => {
    const a = worker();
    await until((all) => all.some((run) => run.pid === a.pid), 90_000);
    const b = worker();
    // b stands by once its ticks ask for the lock: its lock connection shows up beside a's. Then many ticks of both.
    const deadline = Date.now() + 90_000;
    while ((await lockConnections()) < 2) {
      if (Date.now() > deadline) throw new Error('the second worker never asked for the lock');
      await sleep(100);
    }
    await sleep(2_000);
    const led = await runs();
    // Finished runs were all a's and succeeded; the latest may still be running (no result, so no pid, yet).
    const finishedWhileLed = led.filter((run) => run.completedAt !== null);
    expect(finishedWhileLed.filter((run) => run.pid !== a.pid || run.status !== 'succeeded')).toEqual([]);
    expect(led.length - finishedWhileLed.length).toBeLessThanOrEqual(1);

    a.kill('SIGKILL');
    const killedAt = Date.now();
    const after = await until((all) => all.filter((run) => run.pid === b.pid).length >= 5, 60_000);
    const firstByB = after.find((run) => run.pid === b.pid)!;
    // The standby took over within a few ticks of its own once the leader's lock connection died.
    expect(firstByB.createdAt - killedAt).toBeLessThan(10_000);
    expect(after.filter((run) => run.createdAt >= firstByB.createdAt).every((run) => run.pid === b.pid)).toBe(true);

    // Once per tick: no run overlaps the one before, and b runs at one timer's pace. The pace is
    // judged over its runs, not gap by gap: on a loaded machine a tick that fired late and the next
    // on time are closer than one interval.
    const finished = after.filter((run) => run.status === 'succeeded');
    for (let i = 1; i < finished.length; i++) {
      if (finished[i].pid !== finished[i - 1].pid) continue;
      expect(finished[i].createdAt).toBeGreaterThanOrEqual(finished[i - 1].completedAt!);
    }
    const byB = finished.filter((run) => run.pid === b.pid);
    expect(byB.length).toBeLessThanOrEqual(mostRunsAtOnePace(byB));
    // Between b's start and a's death the job ran at a's pace, not twice as often.
    const window = led.filter((run) => run.createdAt > led[0].createdAt);
    expect(window.length).toBeLessThanOrEqual(mostRunsAtOnePace(window));
    b.kill('SIGKILL');
  }, 180_000);
});
