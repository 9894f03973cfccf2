import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TestingModule } from '@nestjs/testing';
import { createTestDatabase, TestDatabase, TestDatabaseKind } from '@tally/platform';
import { Pool } from 'pg';
import { EVENT_STORE, EventStore } from '../event-store.port';
import { DeadLetterService } from '../projections/dead-letter.service';
import { eventually, testEvents } from '../projections/testing/projection-test-kit';
import { startReactorApp } from './testing/reactor-test-kit';

const REPO = join(__dirname, '../../../..');

describe.each<TestDatabaseKind>(['postgres', 'pglite'])('reactors on %s', (kind) => {
  let database: TestDatabase;
  let pool: Pool;
  const apps: TestingModule[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // Migrates the database (event store, checkpoints, dead letters) without running anything.
    const { app, reactor } = await startReactorApp(database, { run: false });
    await reactor.close();
    await app.close();
    pool = new Pool({ connectionString: database.url, max: 1 });
  }, 60_000);
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    // The checkpoint stays: the next test's reactor resumes after this test's events.
    await pool.query(`delete from es_dead_letters where consumer = 'test.effect-log'`);
    await pool.query('delete from reactor_effects');
    await pool.query('delete from reactor_attempts');
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  const start = async (options: Parameters<typeof startReactorApp>[1]) => {
    const started = await startReactorApp(database, options);
    apps.push(started.app);
    return started;
  };
  const effects = async () => (await pool.query<{ n: number }>('select n from reactor_effects order by n')).rows.map((row) => row.n);
  const attempts = async (n: number) => Number((await pool.query<{ count: string }>('select count(*) from reactor_attempts where n = $1', [n])).rows[0].count);
  const append = async (stream: string, count: number) => {
    const { app, reactor } = await start({ run: false });
    await app.get<EventStore>(EVENT_STORE).append(stream, testEvents(count), 'any');
    await reactor.close();
  };

  it('a worker killed right after an effect, before its checkpoint: the next one resumes, every effect once', async () => {
    await append('reactor-t1.killed', 12);
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/eventstore/src/reactors/testing/reactor-worker.main.ts'], {
      cwd: REPO,
      env: { ...process.env, REACTOR_TEST_DB_URL: database.url, REACTOR_KILL_AFTER: '6', LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, killed) => resolve(killed)));
    expect(signal).toBe('SIGKILL');
    // Effects 0..6 happened; the checkpoint stands before event 6 (its effect done, not recorded).
    expect(await effects()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const { reactor } = await start({ run: true });
    await eventually(async () => expect(await effects()).toEqual([...Array(12).keys()]), 30_000);
    // Event 6 was delivered again and its effect not repeated; the others were delivered once.
    expect(await attempts(6)).toBe(2);
    expect(await attempts(5)).toBe(1);
    expect(await attempts(7)).toBe(1);
    await reactor.close();
  }, 90_000);

  it('a failing event is parked at once, retried with growing delays by the dead-letter sweep, then waits for an operator; the rest goes on', async () => {
    await append('reactor-t1.failing', 5);
    const { app, reactor } = await start({ run: true, failOn: [2], env: { PROJECTIONS_PARKED_RETRY_BASE_MS: '50', PROJECTIONS_PARKED_RETRY_MAX_MS: '10000', PROJECTIONS_PARKED_MAX_RETRIES: '3', PROJECTIONS_PARKED_POLL_MS: '600000' } });
    await eventually(async () => expect(await effects()).toEqual([0, 1, 3, 4]));
    const deadLetters = app.get(DeadLetterService);
    const delays: number[] = [];
    for (let retry = 1; retry <= 3; retry++) {
      const [parked] = await deadLetters.list('test.effect-log');
      expect(parked).toMatchObject({ eventType: 'TestHappened', retries: retry - 1 });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, (parked.nextRetryAt?.getTime() ?? 0) - Date.now()) + 20));
      expect(await deadLetters.retryDue()).toBe(0);
      const [after] = await deadLetters.list('test.effect-log');
      if (after.nextRetryAt) delays.push(after.nextRetryAt.getTime() - Date.now());
    }
    // Exponential backoff (±20 % jitter): each wait about twice the one before.
    expect(delays.length).toBe(2);
    expect(delays[1]).toBeGreaterThan(delays[0]);
    const [exhausted] = await deadLetters.list('test.effect-log');
    expect(exhausted).toMatchObject({ retries: 3, nextRetryAt: null });
    expect((await deadLetters.counts()).exhausted.get('test.effect-log')).toBe(1);
    // Fixed: an operator's replay applies it once.
    reactor.failOn.clear();
    expect((await deadLetters.replay(exhausted.id)).status).toBe('replayed');
    expect(await effects()).toEqual([0, 1, 2, 3, 4]);
    await reactor.close();
  }, 60_000);

  it('once the failure is gone, the sweep applies a parked event whose retry is due', async () => {
    await append('reactor-t1.healed', 3);
    const { app, reactor } = await start({ run: true, failOn: [1], env: { PROJECTIONS_PARKED_RETRY_BASE_MS: '50', PROJECTIONS_PARKED_POLL_MS: '600000' } });
    await eventually(async () => expect(await effects()).toEqual([0, 2]));
    reactor.failOn.clear();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await app.get(DeadLetterService).retryDue()).toBe(1);
    expect(await effects()).toEqual([0, 1, 2]);
    expect(await attempts(1)).toBeGreaterThanOrEqual(2);
    await reactor.close();
  }, 60_000);
});
