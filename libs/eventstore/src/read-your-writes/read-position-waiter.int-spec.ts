import { TestDatabaseKind } from '@tally/platform';
import { ProjectionRunner } from '../projections/projection-runner';
import { testEvents, useProjectionTestBed } from '../projections/testing/projection-test-kit';
import { ReadPositionWaiter } from './read-position-waiter';

const kinds: TestDatabaseKind[] = ['postgres', 'pglite'];

describe.each(kinds)('ReadPositionWaiter on %s', (kind) => {
  const bed = useProjectionTestBed(kind, { name: 'ryw_', prefix: 'pryw' });

  it('answers as soon as the projection this process runs has applied the position', async () => {
    const { name, prefix } = bed.fresh();
    const { app, store } = await bed.start({ run: true, name, prefix });
    const { position } = await store.append(`${prefix}t1.a`, testEvents(1), 'any');
    expect(await app.get(ReadPositionWaiter).waitFor([name], position, 5_000)).toBe(true);
  });

  it('reads the checkpoints of a projection another process runs, and counts events its filter skips as applied', async () => {
    const { name, prefix } = bed.fresh();
    await bed.start({ run: true, name, prefix });
    // Another process: the same projections registered, none run here (ROLE=api).
    const api = await bed.start({ run: false, name, prefix });
    const waiter = api.app.get(ReadPositionWaiter);
    const own = await api.store.append(`${prefix}t1.a`, testEvents(1), 'any');
    expect(await waiter.waitFor([name], own.position, 5_000)).toBe(true);

    // The checkpoint stays at the last event the projection took (the skip is persisted only every
    // PROJECTIONS_SKIP_PERSIST_MS, ten minutes in the test kit): a later position of other streams
    // is still applied, as nothing of its own lies in between.
    const other = await api.store.append(`other${prefix}t1.b`, testEvents(1), 'any');
    const started = Date.now();
    expect(await waiter.waitFor([name], other.position, 5_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up at the bound while the runner is paused, and answers once it resumes', async () => {
    const { name, prefix } = bed.fresh();
    const { app, store } = await bed.start({ run: true, name, prefix });
    const api = await bed.start({ run: false, name, prefix });
    const runner = app.get(ProjectionRunner);
    const warm = await store.append(`${prefix}t1.a`, testEvents(1), 'any');
    expect(await app.get(ReadPositionWaiter).waitFor([name], warm.position, 5_000)).toBe(true);

    runner.pause();
    const { position } = await store.append(`${prefix}t1.a`, testEvents(1), 'any');
    const started = Date.now();
    expect(await app.get(ReadPositionWaiter).waitFor([name], position, 300)).toBe(false);
    expect(await api.app.get(ReadPositionWaiter).waitFor([name], position, 300)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);

    runner.resume();
    expect(await api.app.get(ReadPositionWaiter).waitFor([name], position, 5_000)).toBe(true);
  });
});
