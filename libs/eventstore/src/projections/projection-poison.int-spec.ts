import { TestDatabaseKind } from '@tally/platform';
import { DeadLetterService } from './dead-letter.service';
import { ProjectionRunner } from './projection-runner';
import { ProjectionStatusService } from './projection-status.service';
import { appendTestEvents, eventually, readModel, useProjectionTestBed, waitUntilReadable } from './testing/projection-test-kit';

const kinds: TestDatabaseKind[] = ['postgres', 'pglite'];

/** The runner's production settings for in-batch retries and backoff, not the test kit's fast ones. */
const PRODUCTION_RETRIES = { PROJECTIONS_MAX_ATTEMPTS: '2', PROJECTIONS_QUICK_RETRY_MS: '10', PROJECTIONS_RETRY_BASE_MS: '200', PROJECTIONS_RETRY_MAX_MS: '10000' };

/** A poison event is parked at once, the rest flows, the parked one is retried in the background. */
describe.each(kinds)('poison events on %s', (kind) => {
  const bed = useProjectionTestBed(kind, { name: 'poison_', prefix: 'ppoison' });
  const { fresh, start } = bed;

  it('parks a poison event within milliseconds: the rest of its batch and the next events are not held up', async () => {
    const { name, prefix } = fresh();
    const poisonStream = `${prefix}t1.s1`;
    const running = await start({
      run: true,
      name,
      prefix,
      env: PRODUCTION_RETRIES,
      prepare: (projection) => {
        projection.hooks.beforeEvent = async (event) => {
          if (event.streamId === poisonStream && event.revision === 1) throw new Error('poison event');
        };
      },
    });
    const lagOfOne = async (expectedRows: number): Promise<number> => {
      const appended = Date.now();
      await appendTestEvents(running.store, prefix, 1, 1);
      await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(expectedRows), 10_000);
      return Date.now() - appended;
    };
    const before = await lagOfOne(1);

    // 20 events in one batch (the kit's batch size is 10 → two batches), the 4th poisoned.
    await appendTestEvents(running.store, prefix, 2, 10);
    const appended = Date.now();
    await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(20), 10_000);
    const throughPoison = Date.now() - appended;
    const after = await lagOfOne(21);
    // Before: 5 tries of the batch with backoff from 200 ms, then 5 of each event alone, ~6 s.
    expect(throughPoison).toBeLessThan(1_500);
    expect(after).toBeLessThan(Math.max(1_500, before * 3));

    const [letter] = await running.app.get(DeadLetterService).list(name);
    expect(letter).toMatchObject({ streamId: poisonStream, streamRevision: 1, retries: 0, replayedAt: null });
    expect(letter.nextRetryAt).toBeInstanceOf(Date);
    const readiness = await running.app.get(ProjectionStatusService).readiness();
    expect(readiness).toMatchObject({ ready: true, degraded: true, parked: { [name]: 1 } });
    expect(readiness.warnings).toContain(`${name} has 1 parked event(s)`);
  });

  it('retries a parked event in the background with backoff, and applies it exactly once when its cause is gone', async () => {
    const { name, prefix } = fresh();
    const running = await start({
      run: true,
      name,
      prefix,
      env: { PROJECTIONS_PARKED_RETRY_BASE_MS: '40', PROJECTIONS_PARKED_RETRY_MAX_MS: '80', PROJECTIONS_PARKED_MAX_RETRIES: '50' },
      prepare: (projection) => {
        projection.hooks.beforeEvent = async (event) => {
          if (poisoned.has(event.revision)) throw new Error(`poison at revision ${event.revision}`);
        };
      },
    });
    const poisoned = new Set([2]);
    await appendTestEvents(running.store, prefix, 1, 6);
    const letters = running.app.get(DeadLetterService);
    await eventually(async () => expect((await letters.list(name))[0]?.retries).toBeGreaterThanOrEqual(2));
    const [retrying] = await letters.list(name);
    expect(retrying).toMatchObject({ streamRevision: 2, replayedAt: null });
    expect(retrying.error).toContain('poison at revision 2');
    expect(retrying.nextRetryAt).toBeInstanceOf(Date);
    expect((await readModel(bed.pool)).rows).toBe(5);

    poisoned.clear(); // the cause is fixed (a deploy, a data repair)
    await eventually(async () => expect(await letters.list(name)).toHaveLength(0));
    const [replayed] = await letters.list(name, { includeReplayed: true });
    expect(replayed.replayedAt).toBeInstanceOf(Date);
    expect(await readModel(bed.pool)).toMatchObject({ rows: 6, distinct: 6, totals: { [`${prefix}t1.s0`]: 6 } });
    expect(await running.app.get(ProjectionStatusService).readiness()).toMatchObject({ ready: true, degraded: false, parked: {} });
  });

  it('leaves a parked event to an operator once its background retries are used up; the replay still applies it', async () => {
    const { name, prefix } = fresh();
    const writer = await start({ run: false, name: `${name}_writer`, prefix: 'unused-' });
    await appendTestEvents(writer.store, prefix, 1, 4);
    await waitUntilReadable(writer.store, prefix, 4);
    const [poison] = await writer.store.readAll({ filter: { streamPrefixes: [prefix] } });
    const running = await start({
      run: true,
      name,
      prefix,
      env: { PROJECTIONS_PARKED_RETRY_BASE_MS: '20', PROJECTIONS_PARKED_RETRY_MAX_MS: '40', PROJECTIONS_PARKED_MAX_RETRIES: '2' },
      prepare: (projection) => projection.hooks.poison.add(poison.id),
    });
    const letters = running.app.get(DeadLetterService);
    await eventually(async () => expect((await letters.list(name))[0]).toMatchObject({ retries: 2, nextRetryAt: null }));
    const [exhausted] = await letters.list(name);
    // 3 tries each of the batch of 4, its first half and the event alone, then 2 background retries.
    expect(exhausted).toMatchObject({ eventId: poison.id, attempts: 3 * 3 + 2, replayedAt: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await letters.list(name))[0]).toMatchObject({ retries: 2, attempts: 11 });
    expect(await readModel(bed.pool)).toMatchObject({ rows: 3 });

    running.projection.hooks.poison.clear();
    await expect(letters.replay(exhausted.id)).resolves.toMatchObject({ status: 'replayed' });
    expect(await letters.list(name)).toHaveLength(0);
    expect(await readModel(bed.pool)).toMatchObject({ rows: 4, distinct: 4, totals: { [`${prefix}t1.s0`]: 4 } });
  });

  it('stops parking when event after event fails (the projection is broken): not ready, and it resumes once fixed', async () => {
    const { name, prefix } = fresh();
    let broken = true;
    const running = await start({
      run: true,
      name,
      prefix,
      env: { PROJECTIONS_MAX_PARKED_IN_A_ROW: '3', PROJECTIONS_PARKED_RETRY_BASE_MS: '50', PROJECTIONS_PARKED_RETRY_MAX_MS: '50', PROJECTIONS_PARKED_MAX_RETRIES: '1000' },
      prepare: (projection) => {
        projection.hooks.beforeEvent = async () => {
          if (broken) throw new Error('relation "projection_test_rows" is missing');
        };
      },
    });
    await appendTestEvents(running.store, prefix, 2, 5);
    const status = running.app.get(ProjectionStatusService);
    await eventually(async () => expect(await status.readiness()).toMatchObject({ ready: false, degraded: true, parked: { [name]: 3 } }));
    const worker = running.app.get(ProjectionRunner).workerStates().find((state) => state.projection === name)!;
    expect(worker.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(worker.lastError).toContain('3 events in a row could not be applied');
    expect((await status.readiness()).problems.join()).toContain(`${name} is failing`);
    expect((await readModel(bed.pool)).rows).toBe(0);

    broken = false;
    // The runner applies the seven it held back; the background retries apply the three parked.
    await eventually(async () => expect(await readModel(bed.pool)).toMatchObject({ rows: 10, distinct: 10 }));
    await eventually(async () => expect(await status.readiness()).toMatchObject({ ready: true, degraded: false }));
  });
});
