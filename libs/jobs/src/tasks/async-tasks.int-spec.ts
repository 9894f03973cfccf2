import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TestingModule } from '@nestjs/testing';
import { createTestDatabase, TestDatabase, TestDatabaseKind, uuidv7 } from '@tally/platform';
import { Pool } from 'pg';
// The event store's test helper (not part of its public surface).
// eslint-disable-next-line no-restricted-imports
import { eventually } from '../../../eventstore/src/projections/testing/projection-test-kit';
import { DeadLetterSweepJob } from '../housekeeping/dead-letter-sweep.job';
import { AsyncTask } from './async-task';
import { TaskExecutor } from './task-executor';
import { TaskQueue } from './task-queue';
import { TaskStatusService } from './task-status.service';
import { startTaskApp } from './testing/task-test-kit';

const REPO = join(__dirname, '../../../..');
const TYPE = 'test.effect-log';

describe.each<TestDatabaseKind>(['postgres', 'pglite'])('async tasks on %s', (kind) => {
  let database: TestDatabase;
  let pool: Pool;
  const apps: { app: TestingModule; close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // Migrates the database without running anything.
    const { app, task } = await startTaskApp(database, { run: false });
    await task.close();
    await app.close();
    pool = new Pool({ connectionString: database.url, max: 1 });
  }, 60_000);
  afterEach(async () => {
    for (const started of apps.splice(0)) await started.close();
    await pool.query('delete from async_tasks');
    await pool.query('delete from task_effects');
    await pool.query('delete from task_attempts');
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  const start = async (options: Parameters<typeof startTaskApp>[1]) => {
    const started = await startTaskApp(database, options);
    const entry = {
      app: started.app,
      close: async () => {
        await started.app.close();
        await started.task.close();
      },
    };
    apps.push(entry);
    return { ...started, stop: async () => apps.splice(apps.indexOf(entry), 1)[0].close() };
  };
  const effects = async () => (await pool.query<{ n: number }>('select n from task_effects order by n')).rows.map((row) => row.n);
  const tries = async (n: number) => (await pool.query<{ at: Date }>('select at from task_attempts where n = $1 order by at', [n])).rows.map((row) => row.at.getTime());
  const taskIn = async (app: TestingModule, taskId: string) => (await app.get(TaskStatusService).get(taskId)) as AsyncTask;
  const untilDue = (due: Date | null) => new Promise((resolve) => setTimeout(resolve, Math.max(0, (due?.getTime() ?? 0) - Date.now()) + 30));

  it('a failing task is retried with growing delays, then dead; the 5-minute sweep retries it with growing delays, then leaves it to an operator', async () => {
    const env = { TASKS_MAX_ATTEMPTS: '3', TASKS_DEAD_MAX_RETRIES: '3' };
    const worker = await start({ run: true, env });
    worker.task.failing.add(1);
    const { taskId } = await worker.app.get(TaskQueue).enqueue({ type: TYPE, payload: { n: 1 } });
    await eventually(async () => expect((await taskIn(worker.app, taskId)).status).toBe('dead'), 20_000);
    // Three tries, backing off exponentially (100 ms base, ±20 % jitter): the second wait is longer.
    const times = await tries(1);
    expect(times).toHaveLength(3);
    const waits = [times[1] - times[0], times[2] - times[1]];
    expect(waits[0]).toBeGreaterThanOrEqual(70);
    expect(waits[1]).toBeGreaterThan(waits[0]);
    expect(await taskIn(worker.app, taskId)).toMatchObject({ attempts: 3, revivals: 0, lastError: 'Error: task 1 cannot be done yet', nextAttemptAt: expect.any(Date) });
    await worker.stop();

    // The sweep, from a process whose own 5-minute timer cannot fire in between.
    const sweeper = await start({ run: false, env });
    sweeper.task.failing.add(1);
    const sweep = sweeper.app.get(DeadLetterSweepJob);
    const delays: number[] = [];
    for (let revival = 1; revival <= 3; revival++) {
      await untilDue((await taskIn(sweeper.app, taskId)).nextAttemptAt);
      expect((await sweep.run()).tasks).toMatchObject({ succeeded: 0, failed: 1 });
      const after = await taskIn(sweeper.app, taskId);
      expect(after).toMatchObject({ status: 'dead', revivals: revival, attempts: 3 + revival });
      if (after.nextAttemptAt) delays.push(after.nextAttemptAt.getTime() - Date.now());
    }
    // 100 ms × 2ⁿ⁻¹ (±20 %): each wait about twice the one before; after the third, none left.
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThan(delays[0]);
    expect(await taskIn(sweeper.app, taskId)).toMatchObject({ status: 'dead', nextAttemptAt: null });
    const result = await sweep.run();
    expect(result.tasks).toEqual({ succeeded: 0, failed: 0, dead: { [TYPE]: 1 }, waitingForOperator: { [TYPE]: 1 } });
    expect(await tries(1)).toHaveLength(6);
    expect(await effects()).toEqual([]);

    // An operator's turn: once the cause is fixed, a retry by hand runs it at once, and only a dead task.
    sweeper.task.failing.clear();
    const executor = sweeper.app.get(TaskExecutor);
    expect(await executor.retryDeadNow(taskId)).toMatchObject({ status: 'succeeded', attempts: 7, revivals: 3 });
    expect(await effects()).toEqual([1]);
    await expect(executor.retryDeadNow(taskId)).rejects.toMatchObject({ code: 'TASKS.TASK_NOT_DEAD' });
    await expect(executor.retryDeadNow(uuidv7())).rejects.toMatchObject({ code: 'TASKS.TASK_NOT_FOUND' });
  }, 60_000);

  it('once the failure is gone, the sweep runs a dead task whose retry is due, once', async () => {
    const env = { TASKS_MAX_ATTEMPTS: '1' };
    const worker = await start({ run: true, env });
    worker.task.failing.add(2);
    const { taskId } = await worker.app.get(TaskQueue).enqueue({ type: TYPE, payload: { n: 2 } });
    await eventually(async () => expect((await taskIn(worker.app, taskId)).status).toBe('dead'));
    await worker.stop();
    const sweeper = await start({ run: false, env });
    await untilDue((await taskIn(sweeper.app, taskId)).nextAttemptAt);
    expect((await sweeper.app.get(DeadLetterSweepJob).run()).tasks).toMatchObject({ succeeded: 1, failed: 0 });
    expect(await taskIn(sweeper.app, taskId)).toMatchObject({ status: 'succeeded', attempts: 2, revivals: 1, completedAt: expect.any(Date) });
    expect(await effects()).toEqual([2]);
    expect((await sweeper.app.get(DeadLetterSweepJob).run()).tasks).toMatchObject({ succeeded: 0, failed: 0 });
  }, 60_000);

  it('a worker killed mid-task (after its effect, before recording it): the next one takes it over once the lease runs out, every effect once', async () => {
    const { app } = await start({ run: false });
    const queue = app.get(TaskQueue);
    const ids: string[] = [];
    for (let n = 0; n < 6; n++) ids.push((await queue.enqueue({ type: TYPE, payload: { n } })).taskId);
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/jobs/src/tasks/testing/task-worker.main.ts'], {
      cwd: REPO,
      env: { ...process.env, TASK_TEST_DB_URL: database.url, TASK_KILL_AFTER: '3', LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, killed) => resolve(killed)));
    expect(signal).toBe('SIGKILL');
    // One task at a time, oldest first: 0..3 done, 3's outcome never recorded.
    expect(await effects()).toEqual([0, 1, 2, 3]);
    expect((await taskIn(app, ids[3])).status).toBe('running');
    await start({ run: true });
    await eventually(async () => expect(await effects()).toEqual([0, 1, 2, 3, 4, 5]), 30_000);
    await eventually(async () => expect((await Promise.all(ids.map((id) => taskIn(app, id)))).map((task) => task.status)).toEqual(Array(6).fill('succeeded')));
    // Task 3 ran twice, its effect once; the others ran once.
    expect(await tries(3)).toHaveLength(2);
    expect(await tries(2)).toHaveLength(1);
    expect(await tries(4)).toHaveLength(1);
    expect(await taskIn(app, ids[3])).toMatchObject({ attempts: 2 });
  }, 90_000);

  it('many enqueues at once and two workers: a dedupe key makes one task, and every task runs exactly once', async () => {
    const a = await start({ run: true });
    const b = await start({ run: true });
    const queue = a.app.get(TaskQueue);
    const same = await Promise.all(Array.from({ length: 20 }, () => queue.enqueue({ type: TYPE, payload: { n: 100 }, dedupeKey: 'the-same-cause' })));
    expect(new Set(same.map((enqueued) => enqueued.taskId)).size).toBe(1);
    expect(same.filter((enqueued) => enqueued.created)).toHaveLength(1);
    await Promise.all(Array.from({ length: 40 }, (_, n) => (n % 2 ? a : b).app.get(TaskQueue).enqueue({ type: TYPE, payload: { n } })));
    const all = [...Array(40).keys(), 100];
    await eventually(async () => expect(await effects()).toEqual(all), 30_000);
    const runs = await pool.query<{ n: number; runs: string }>('select n, count(*) as runs from task_attempts group by n');
    expect(runs.rows.every((row) => Number(row.runs) === 1)).toBe(true);
    expect(runs.rows).toHaveLength(41);
    // A task's effect lands before its outcome is recorded, so the last one may still read "running" for a moment.
    await eventually(async () => expect(await a.app.get(TaskStatusService).counts()).toEqual([{ type: TYPE, status: 'succeeded', count: 41, waitingForOperator: 0 }]));
  }, 60_000);

  it('refuses a task type nobody handles', async () => {
    const { app } = await start({ run: false });
    await expect(app.get(TaskQueue).enqueue({ type: 'nobody.handles-this', payload: {} })).rejects.toThrow('No @RegisteredTask handles task type "nobody.handles-this"');
    expect((await pool.query('select count(*)::int as n from async_tasks')).rows[0]).toEqual({ n: 0 });
  });
});
