import { Test, TestingModule } from '@nestjs/testing';
import { EventStoreModule, eventStoreSchema, ProjectionsModule, projectionsSchema } from '@tally/eventstore';
import { createTestDatabase, DatabaseModule, PlatformModule, TestDatabase, TestDatabaseKind } from '@tally/platform';
import { Pool } from 'pg';
import { JobScheduler } from './job-scheduler';
import { JobStatusService } from './job-status.service';
import { JobsModule } from './jobs.module';
import { jobsSchema } from './jobs.schema';
import { CountingJob } from './testing/counting.job';

/** One worker process: its own scheduler and lock connection, the same database. */
async function startWorker(database: TestDatabase): Promise<TestingModule> {
  const app = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ env: { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '3' } }),
      DatabaseModule.forRoot([eventStoreSchema, projectionsSchema, jobsSchema]),
      EventStoreModule,
      ProjectionsModule.forRoot({ run: false }),
      JobsModule.forRoot({ run: true }),
    ],
    providers: [CountingJob],
  }).compile();
  app.useLogger(false);
  await app.init();
  return app;
}

describe.each<TestDatabaseKind>(['postgres', 'pglite'])('scheduled jobs on %s', (kind) => {
  let database: TestDatabase;
  let pool: Pool;
  const workers: TestingModule[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    pool = new Pool({ connectionString: database.url, max: 1 });
  }, 60_000);
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.close();
    await pool.query('delete from job_results');
    await pool.query('delete from batch_jobs');
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  const worker = async () => {
    const app = await startWorker(database);
    workers.push(app);
    return { app, scheduler: app.get(JobScheduler), job: app.get(CountingJob) };
  };
  const runs = async () => (await pool.query<{ status: string; result_json: unknown; error_message: string | null }>(`select b.status, r.result_json, r.error_message from batch_jobs b left join job_results r using (job_id) where job_type = 'test.counting' order by created_at`)).rows;

  it('two workers run a job once per tick: the leader runs it, the other stands by', async () => {
    const a = await worker();
    const b = await worker();
    for (let tick = 0; tick < 3; tick++) {
      const outcomes = await Promise.all([a.scheduler.tick(a.job), b.scheduler.tick(b.job)]);
      expect(outcomes.sort()).toEqual(['ran', 'standby']);
    }
    expect(a.job.runs + b.job.runs).toBe(3);
    // The first to lead keeps leading.
    expect([a.job.runs, b.job.runs].sort()).toEqual([0, 3]);
    expect(await runs()).toEqual([1, 2, 3].map((run) => ({ status: 'succeeded', result_json: { run }, error_message: null })));
  });

  it('a crashed leader is replaced at the next tick, and its unfinished run is marked abandoned', async () => {
    const a = await worker();
    const b = await worker();
    expect(await a.scheduler.tick(a.job)).toBe('ran');
    expect(await b.scheduler.tick(b.job)).toBe('standby');
    // A leader that died mid-run left its row running.
    await pool.query(`insert into batch_jobs (job_id, job_type, status) values ('00000000-0000-7000-8000-000000000001', 'test.counting', 'running')`);
    if (kind === 'postgres') {
      // The crash: its lock connection dies (a SIGKILLed process's does) while the rest of it stays up.
      // Only this test's database: advisory locks of every other suite and bench on the shared
      // server are theirs (killing them broke whatever else ran beside this file).
      await pool.query(
        `select pg_terminate_backend(pid) from pg_locks
         where locktype = 'advisory' and granted and pid <> pg_backend_pid() and database = (select oid from pg_database where datname = current_database())`,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
    } else {
      // PGlite is one process's database: the leader's process going away is its scheduler closing.
      await workers.splice(0, 1)[0].close();
    }
    expect(await b.scheduler.tick(b.job)).toBe('ran');
    // The old leader, if it comes back, is the standby now.
    if (kind === 'postgres') expect(await a.scheduler.tick(a.job)).toBe('standby');
    expect((await runs()).map((run) => run.status)).toEqual(['succeeded', 'abandoned', 'succeeded']);
  });

  it('a run never overlaps itself; a failing run is recorded with its error', async () => {
    const a = await worker();
    let open = () => {};
    a.job.gate = new Promise<void>((resolve) => (open = resolve));
    const first = a.scheduler.tick(a.job);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await a.scheduler.tick(a.job)).toBe('busy');
    open();
    expect(await first).toBe('ran');
    a.job.gate = null;
    a.job.failWith = 'provider down';
    expect(await a.scheduler.tick(a.job)).toBe('ran');
    expect(await runs()).toEqual([
      { status: 'succeeded', result_json: { run: 1 }, error_message: null },
      { status: 'failed', result_json: null, error_message: 'provider down' },
    ]);
    const overview = (await a.app.get(JobStatusService).list()).find((job) => job.name === 'test.counting');
    expect(overview).toMatchObject({ name: 'test.counting', schedule: 'every 3600000 ms', failures24h: 1, lastRun: { status: 'failed', errorMessage: 'provider down' } });
    expect(overview?.nextRunAt).toBeInstanceOf(Date);
  });
});
