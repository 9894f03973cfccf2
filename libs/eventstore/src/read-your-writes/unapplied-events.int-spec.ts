import { TestDatabaseKind } from '@tally/platform';
import { ProjectionRunner } from '../projections/projection-runner';
import { testEvents, useProjectionTestBed } from '../projections/testing/projection-test-kit';
import { ReadPositionWaiter } from './read-position-waiter';
import { UnappliedEvents } from './unapplied-events';

const kinds: TestDatabaseKind[] = ['postgres', 'pglite'];

describe.each(kinds)('UnappliedEvents on %s', (kind) => {
  const bed = useProjectionTestBed(kind, { name: 'unapplied_', prefix: 'punap' });

  it('reads every event of the filter the projection has not applied, from a process that runs none, and nothing once it has', async () => {
    const { name, prefix } = bed.fresh();
    const worker = await bed.start({ run: true, name, prefix });
    const api = await bed.start({ run: false, name, prefix });
    const unapplied = api.app.get(UnappliedEvents);
    const applied = await worker.store.append(`${prefix}t1.a`, testEvents(2), 'any');
    expect(await api.app.get(ReadPositionWaiter).waitFor([name], applied.position, 5_000)).toBe(true);
    expect(await unapplied.read(name, { streamPrefixes: [`${prefix}t1.`] }, 100)).toEqual([]);

    worker.app.get(ProjectionRunner).pause();
    await worker.store.append(`${prefix}t1.a`, testEvents(1), 'any');
    await worker.store.append(`${prefix}t2.b`, testEvents(1, 't2'), 'any');
    const newest = await worker.store.append(`${prefix}t1.c`, testEvents(2), 'any');
    const behind = await unapplied.read(name, { streamPrefixes: [`${prefix}t1.`] }, 100);
    // Only the held-back events of the narrowed filter (tenant t1), oldest first.
    expect(behind.map((event) => `${event.streamId}#${event.revision}`)).toEqual([`${prefix}t1.a#2`, `${prefix}t1.c#0`, `${prefix}t1.c#1`]);
    expect((await unapplied.read(name, { streamPrefixes: [`${prefix}t1.`] }, 2)).length).toBe(2);

    worker.app.get(ProjectionRunner).resume();
    expect(await api.app.get(ReadPositionWaiter).waitFor([name], newest.position, 5_000)).toBe(true);
    expect(await unapplied.read(name, { streamPrefixes: [`${prefix}t1.`] }, 100)).toEqual([]);
  });

  // PGlite runs one transaction at a time: no transaction can be open beside an append there.
  (kind === 'postgres' ? it : it.skip)('sees an event committed behind a transaction still open elsewhere, which ordered reads hold back', async () => {
    const { name, prefix } = bed.fresh();
    const api = await bed.start({ run: false, name, prefix });
    const other = await bed.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      await api.store.append(`${prefix}t1.a`, testEvents(1), 'any');
      const filter = { streamPrefixes: [`${prefix}t1.`] };
      expect(await api.store.readAll({ filter })).toEqual([]);
      expect((await api.app.get(UnappliedEvents).read(name, filter, 100)).map((event) => event.streamId)).toEqual([`${prefix}t1.a`]);
    } finally {
      await other.query('ROLLBACK');
      other.release();
    }
  });
});
