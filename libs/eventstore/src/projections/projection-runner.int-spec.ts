import { MikroORM } from '@mikro-orm/postgresql';
import { TestDatabaseKind } from '@tally/platform';
import { ProjectionBatchApplier } from './batch-applier';
import { checkpoints } from './checkpoints';
import { DeadLetterService } from './dead-letter.service';
import { ProjectionRunner } from './projection-runner';
import { ProjectionStatusService } from './projection-status.service';
import { CountingProjection } from './testing/counting.projection';
import { appendTestEvents, eventually, readModel, testEvents, useProjectionTestBed, waitUntilReadable } from './testing/projection-test-kit';

const kinds: TestDatabaseKind[] = ['postgres', 'pglite'];

describe.each(kinds)('projection runner on %s', (kind) => {
  const bed = useProjectionTestBed(kind, { name: 'counting_', prefix: 'ptest' });
  const { fresh, start, stop } = bed;

  it('applies every event exactly once, in batches, with its checkpoint at the head', async () => {
    const { name, prefix } = fresh();
    const { store, projection, app } = await start({ run: true, name, prefix });
    await appendTestEvents(store, prefix, 3, 12);

    await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(36));
    const model = await readModel(bed.pool);
    expect(model).toMatchObject({ rows: 36, distinct: 36, totals: { [`${prefix}t1.s0`]: 12, [`${prefix}t1.s1`]: 12, [`${prefix}t1.s2`]: 12 } });
    expect(Math.max(...projection.hooks.batches)).toBeLessThanOrEqual(10);

    const [head] = await store.readAll({ direction: 'backwards', from: 'end', filter: projection.filter, maxCount: 1 });
    const checkpoint = await checkpoints.load(app.get<MikroORM>(MikroORM).em.fork(), name, 1);
    expect(checkpoint).toMatchObject({ position: head.position, eventsProcessed: 36 });
    const status = await app.get(ProjectionStatusService).status(name);
    expect(status).toMatchObject({ eventsBehind: 0, secondsBehind: 0, parkedEvents: 0, position: head.position });
    expect(status.worker?.phase).toBe('live');
  });

  it('moves its checkpoint past events its filter skips, and still applies the next match once', async () => {
    const { name, prefix } = fresh();
    const { store, projection, app } = await start({ run: true, name, prefix, env: { PROJECTIONS_SKIP_PERSIST_MS: '0', PROJECTIONS_POLL_MS: '20' } });
    const others = `other${prefix}`;
    await appendTestEvents(store, others, 2, 30);
    await waitUntilReadable(store, others, 60);
    const head = await store.headPosition();
    const orm = app.get<MikroORM>(MikroORM);
    // Nothing matched, yet the checkpoint reaches (at least) the head seen after those appends.
    await eventually(async () => expect((await checkpoints.load(orm.em.fork(), name, 1))!.position! >= head!).toBe(true));
    expect(await checkpoints.load(orm.em.fork(), name, 1)).toMatchObject({ eventsProcessed: 0, positionTime: null });
    expect(projection.hooks.batches).toEqual([]);

    await appendTestEvents(store, prefix, 1, 3);
    await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(3));
    expect(await readModel(bed.pool)).toMatchObject({ rows: 3, distinct: 3 });
    const [last] = await store.readAll({ direction: 'backwards', from: 'end', filter: projection.filter, maxCount: 1 });
    await eventually(async () => expect(await checkpoints.load(orm.em.fork(), name, 1)).toMatchObject({ eventsProcessed: 3, positionTime: last.createdAt }));
    expect((await app.get(ProjectionStatusService).status(name)).eventsBehind).toBe(0);
  });

  it('hands a projection its events without the data fields it omits (Projection.omitData)', async () => {
    const { name, prefix } = fresh();
    const seen: unknown[] = [];
    const { store } = await start({
      run: true,
      name,
      prefix,
      prepare: (projection) => {
        projection.omitData = ['detail'];
        projection.hooks.beforeEvent = (event) => Promise.resolve(void seen.push(event.data));
      },
    });
    const [withDetail, plain] = testEvents(2);
    await store.append(`${prefix}t1.s0`, [{ ...withDetail, data: { n: 0, detail: { factors: [1, 2] } } }, plain], 'no_stream');

    await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(2));
    expect(seen).toEqual([{ n: 0 }, { n: 1 }]);
    const [stored] = await store.readStream(`${prefix}t1.s0`, { maxCount: 1 });
    expect(stored.data).toEqual({ n: 0, detail: { factors: [1, 2] } });
  });

  it('rolls back both the read model and the checkpoint when a batch fails', async () => {
    const { name, prefix } = fresh();
    const { store, projection, app } = await start({ run: false, name, prefix });
    await appendTestEvents(store, prefix, 1, 8);
    const orm = app.get<MikroORM>(MikroORM);
    const applier = new ProjectionBatchApplier(orm, { maxAttempts: 1, quickRetryMs: 0, maxParkedInARow: 10, parkedMaxRetries: 0, parkedRetryBaseMs: 10, parkedRetryMaxMs: 10 });
    const before = await checkpoints.ensure(orm.em.fork(), name, 1);
    await waitUntilReadable(store, prefix, 8);
    const events = await store.readAll({ filter: projection.filter });
    projection.hooks.beforeEvent = async (_event, index) => {
      if (index === 5) throw new Error('read model bug');
    };

    await expect(applier.applyOnce({ projection, consumer: name }, before, events)).rejects.toThrow('read model bug');

    expect((await readModel(bed.pool)).rows).toBe(0);
    expect(await checkpoints.load(orm.em.fork(), name, 1)).toMatchObject({ position: null, eventsProcessed: 0 });
  });

  it('survives a kill in the middle of a batch: the restarted runner applies every event exactly once', async () => {
    const { name, prefix } = fresh();
    const writer = await start({ run: false, name: `${name}_writer`, prefix: 'unused-' });
    await appendTestEvents(writer.store, prefix, 2, 25);
    // All 50 readable before the runner starts, so its batches are whole: an open transaction
    // elsewhere in the cluster (xmin) would otherwise let it read a short first batch.
    await waitUntilReadable(writer.store, prefix, 50);
    // A long backoff keeps the "crashed" instance from retrying before it is shut down.
    let killed = false;
    const first = await start({
      run: true,
      name,
      prefix,
      env: { PROJECTIONS_RETRY_BASE_MS: '10000', PROJECTIONS_RETRY_MAX_MS: '10000' },
      prepare: (projection) => {
        projection.hooks.beforeEvent = async (_event, index, { em }) => {
          if (killed || projection.hooks.batches.length < 3 || index !== 4) return;
          killed = true;
          if (kind === 'postgres') {
            // The server ends the transaction's connection as if the process had died.
            await em.execute('select pg_terminate_backend(pg_backend_pid())');
          }
          throw Object.assign(new Error('connection lost mid-batch'), { code: 'ECONNRESET' });
        };
      },
    });
    await eventually(() => expect(killed).toBe(true));
    const partial = await readModel(bed.pool);
    // Two whole batches and nothing of the killed third one; the checkpoint agrees.
    expect(partial).toMatchObject({ rows: 20, distinct: 20 });
    expect(await checkpoints.load(first.app.get<MikroORM>(MikroORM).em.fork(), name, 1)).toMatchObject({ eventsProcessed: 20 });
    await stop(first.app);

    const second = await start({ run: true, name, prefix });
    await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(50));
    const model = await readModel(bed.pool);
    expect(model).toMatchObject({ rows: 50, distinct: 50, totals: { [`${prefix}t1.s0`]: 25, [`${prefix}t1.s1`]: 25 } });
    expect(await checkpoints.load(second.app.get<MikroORM>(MikroORM).em.fork(), name, 1)).toMatchObject({ eventsProcessed: 50 });
  });

  it('retries a flaky batch, isolates and parks a poison event, applies the rest of its batch, and replays it once fixed', async () => {
    const { name, prefix } = fresh();
    const writer = await start({ run: false, name: `${name}_writer`, prefix: 'unused-' });
    await appendTestEvents(writer.store, prefix, 1, 10);
    await waitUntilReadable(writer.store, prefix, 10);
    const events = await writer.store.readAll({ filter: { streamPrefixes: [prefix] } });
    const poison = events[6];
    const running = await start({
      run: true,
      name,
      prefix,
      prepare: (projection) => {
        projection.hooks.failNext = 2; // cured by the third attempt of the first batch
        projection.hooks.poison.add(poison.id);
      },
    });
    await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(9));
    // 3 tries of the batch (2 flaky failures, then the poison), then halves, 3 tries each while
    // they fail: 10 → [0,5) applied, [5,10) fails → [5,8) fails → [5,7) fails → [5] applied,
    // [6] fails: parked after 5 × 3 tries → [7] and [8,10) applied.
    expect(running.projection.hooks.batches).toEqual([10, 10, 10, 5, 5, 5, 5, 3, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 2]);
    const letters = await running.app.get(DeadLetterService).list(name);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ eventId: poison.id, streamId: poison.streamId, streamRevision: poison.revision, attempts: 15, replayedAt: null, position: poison.position, retries: 0 });
    expect(letters[0].error).toContain('poison event');
    await eventually(async () => expect(await checkpoints.load(running.app.get<MikroORM>(MikroORM).em.fork(), name, 1)).toMatchObject({ position: events[9].position, eventsProcessed: 10 }));
    expect((await running.app.get(ProjectionStatusService).status(name)).parkedEvents).toBe(1);
    expect(await running.app.get(ProjectionStatusService).readiness()).toMatchObject({ ready: true, degraded: true, parked: { [name]: 1 } });

    // Still broken: the replay fails, is counted, and the event stays parked.
    await expect(running.app.get(DeadLetterService).replay(letters[0].id)).rejects.toThrow('poison event');
    expect((await running.app.get(DeadLetterService).list(name))[0]).toMatchObject({ attempts: 16, replayedAt: null });

    running.projection.hooks.poison.clear();
    await expect(running.app.get(DeadLetterService).replay(letters[0].id)).resolves.toMatchObject({ status: 'replayed' });
    await expect(running.app.get(DeadLetterService).replay(letters[0].id)).resolves.toMatchObject({ status: 'already-replayed' });
    expect(await running.app.get(DeadLetterService).list(name)).toHaveLength(0);
    expect(await readModel(bed.pool)).toMatchObject({ rows: 10, distinct: 10, totals: { [`${prefix}t1.s0`]: 10 } });
  });

  it('lets one instance apply a projection while another waits on its advisory lock, then takes over', async () => {
    const { name, prefix } = fresh();
    const a = await start({ run: true, name, prefix });
    const b = await start({ run: true, name, prefix });
    await appendTestEvents(a.store, prefix, 2, 15);
    await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(30));

    const phases = [a, b].map(({ app }) => app.get(ProjectionRunner).workerStates().find((state) => state.projection === name)!.phase);
    expect(phases.filter((phase) => phase === 'standby')).toHaveLength(1);
    const [active, standby] = phases[0] === 'standby' ? [b, a] : [a, b];
    expect(standby.projection.hooks.batches).toEqual([]);
    expect(active.projection.hooks.batches.length).toBeGreaterThan(0);

    await stop(active.app);
    await appendTestEvents(standby.store, prefix, 2, 5);
    await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(40));
    expect(await readModel(bed.pool)).toMatchObject({ rows: 40, distinct: 40 });
    expect(standby.projection.hooks.batches.length).toBeGreaterThan(0);
  });
});

describe('CountingProjection fixture', () => {
  it('is a registered projection', () => {
    expect(new CountingProjection().configure('x', 'p-').filter).toEqual({ streamPrefixes: ['p-'] });
  });
});
