import { MikroORM } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { TestDatabaseKind } from '@tally/platform';
import { checkpoints } from './checkpoints';
import { ProjectionRebuildService } from './projection-rebuild.service';
import { ProjectionRunner } from './projection-runner';
import { ProjectionStatusService } from './projection-status.service';
import { ProjectionTestRow } from './testing/counting.projection';
import { appendTestEvents, eventually, readModel, useProjectionTestBed, waitUntilReadable } from './testing/projection-test-kit';

const kinds: TestDatabaseKind[] = ['postgres', 'pglite'];

describe.each(kinds)('projection rebuild on %s', (kind) => {
  const bed = useProjectionTestBed(kind, { name: 'rebuilt_', prefix: 'prebuild' });
  const { fresh, start, stop } = bed;
  const expectedKeys = async (started: Awaited<ReturnType<typeof start>>, prefix: string) =>
    (await started.store.readAll({ filter: { streamPrefixes: [prefix] } })).map((event) => `${event.id}@${event.streamId}#${event.revision}`).sort();
  const publicIndexes = async () =>
    (await bed.pool.query<{ indexname: string }>(`select indexname from pg_indexes where schemaname = 'public' and tablename like 'projection_test_%' order by 1`)).rows.map((row) => row.indexname);

  it('writes through MikroORM with unqualified table names, so search_path picks the shadow tables', async () => {
    const { name, prefix } = fresh();
    const { app } = await start({ run: false, name, prefix });
    const sql = app
      .get<MikroORM>(MikroORM)
      .em.fork()
      .createQueryBuilder(ProjectionTestRow)
      .insert({ eventId: '00000000-0000-7000-8000-000000000000', streamId: 's', revision: 0 })
      .getFormattedQuery();
    expect(sql).toMatch(/^insert into "projection_test_rows" /);
    expect(sql).not.toContain('public');
  });

  it('rebuilds into a shadow schema while the live tables keep serving, equals incremental processing, and swaps in', async () => {
    const { name, prefix } = fresh();
    const live = await start({ run: true, name, prefix });
    await appendTestEvents(live.store, prefix, 3, 14);
    await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(42));
    const incremental = await readModel(bed.pool);
    const indexesBefore = await publicIndexes();

    const rebuilder = await start({ run: false, name, prefix, prepare: (projection) => (projection.hooks.delayMs = 60) });
    const shadow = `rebuild_${name}`;
    let done = false;
    const rebuilding = rebuilder.app
      .get(ProjectionRebuildService)
      .rebuild(name)
      .finally(() => (done = true));

    // Reads during the rebuild: the live tables stay complete and consistent (and keep taking
    // new events from the live runner) while the shadow tables fill up.
    const observations: { live: number; shadow: number }[] = [];
    let appendedDuringRebuild = false;
    while (!done) {
      const liveModel = await readModel(bed.pool);
      expect(liveModel.rows).toBe(liveModel.distinct);
      expect(liveModel.rows).toBeGreaterThanOrEqual(42);
      const shadowRows = await countShadowRows(bed.pool, shadow);
      observations.push({ live: liveModel.rows, shadow: shadowRows });
      if (shadowRows > 0 && !appendedDuringRebuild) {
        appendedDuringRebuild = true;
        await appendTestEvents(live.store, prefix, 3, 2);
      }
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    const result = await rebuilding;
    expect(appendedDuringRebuild).toBe(true);
    expect(observations.some((seen) => seen.shadow > 0 && seen.shadow < 42 && seen.live >= 42)).toBe(true);
    expect(result).toMatchObject({ projection: name, parked: 0, resumed: false });
    expect(result.processed).toBeGreaterThanOrEqual(42);

    // After the swap the live runner carries on from the rebuild's checkpoint into the new tables.
    await appendTestEvents(live.store, prefix, 3, 1);
    await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(51));
    const rebuilt = await readModel(bed.pool);
    expect(rebuilt).toMatchObject({ rows: 51, distinct: 51, totals: { [`${prefix}t1.s0`]: 17, [`${prefix}t1.s1`]: 17, [`${prefix}t1.s2`]: 17 } });
    expect(rebuilt.keys).toEqual(await expectedKeys(live, prefix));
    // Same rows as incremental processing for the events both saw.
    expect(incremental.keys.every((key) => rebuilt.keys.includes(key))).toBe(true);
    const archived = await readModel(bed.pool, `archive_${name}`);
    expect(archived.rows).toBe(archived.distinct);
    expect(incremental.keys.every((key) => archived.keys.includes(key))).toBe(true);

    expect(await publicIndexes()).toEqual(indexesBefore);
    expect((await bed.pool.query(`select 1 from pg_namespace where nspname = $1`, [shadow])).rowCount).toBe(0);
    const em = live.app.get<MikroORM>(MikroORM).em.fork();
    expect(await checkpoints.load(em, `${name}#rebuild`, 1)).toBeNull();
    expect(await checkpoints.load(em, name, 1)).toMatchObject({ eventsProcessed: 51 });
    expect(await live.app.get(ProjectionStatusService).status(name)).toMatchObject({ eventsBehind: 0, rebuild: null });
  });

  it('resumes an interrupted rebuild from its own checkpoint', async () => {
    const { name, prefix } = fresh();
    const app = await start({ run: false, name, prefix });
    await appendTestEvents(app.store, prefix, 2, 15);
    await waitUntilReadable(app.store, prefix, 30);
    const abort = new AbortController();
    await expect(
      app.app.get(ProjectionRebuildService).rebuild(name, {
        signal: abort.signal,
        onProgress: (progress) => {
          if (progress.phase === 'replaying' && progress.processed >= 10) abort.abort();
        },
      }),
    ).rejects.toThrow(/aborted/);
    const interrupted = await checkpoints.load(app.app.get<MikroORM>(MikroORM).em.fork(), `${name}#rebuild`, 1);
    expect(interrupted?.eventsProcessed).toBe(10);
    expect(Number((await bed.pool.query<{ c: string }>(`select count(*) as c from rebuild_${name}.projection_test_rows`)).rows[0].c)).toBe(10);

    const seen: number[] = [];
    const result = await app.app.get(ProjectionRebuildService).rebuild(name, { onProgress: (progress) => seen.push(progress.processed) });
    expect(result).toMatchObject({ resumed: true, processed: 30 });
    expect(seen[0]).toBe(10);
    expect(await readModel(bed.pool)).toMatchObject({ rows: 30, distinct: 30 });
    expect((await readModel(bed.pool)).keys).toEqual(await expectedKeys(app, prefix));
  });

  it('builds a new projection version blue/green when the runner starts it', async () => {
    const { name, prefix } = fresh();
    const v1 = await start({ run: true, name, prefix });
    await appendTestEvents(v1.store, prefix, 2, 10);
    await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(20));
    await stop(v1.app);

    const v2 = await start({ run: true, name, prefix, version: 2 });
    await eventually(async () => {
      const em = v2.app.get<MikroORM>(MikroORM).em.fork();
      expect(await checkpoints.load(em, name, 2)).toMatchObject({ eventsProcessed: 20 });
      expect(await checkpoints.load(em, name, 1)).toBeNull();
    });
    expect(await readModel(bed.pool)).toMatchObject({ rows: 20, distinct: 20 });
    expect((await readModel(bed.pool, `archive_${name}`)).rows).toBe(20);
    await appendTestEvents(v2.store, prefix, 2, 1);
    await eventually(async () => expect((await readModel(bed.pool)).rows).toBe(22));
    expect(v2.app.get(ProjectionRunner).workerStates()[0]?.phase).toBe('live');

    // An old process coming back must not build version 1 again over version 2's tables.
    await stop(v2.app);
    const stale = await start({ run: true, name, prefix, version: 1 });
    await eventually(() => expect(stale.app.get(ProjectionRunner).workerStates()[0]?.phase).toBe('standby'));
    await appendTestEvents(stale.store, prefix, 1, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stale.projection.hooks.batches).toEqual([]);
    expect(await readModel(bed.pool)).toMatchObject({ rows: 22, distinct: 22 });
    expect(await checkpoints.load(stale.app.get<MikroORM>(MikroORM).em.fork(), name, 1)).toBeNull();
  });
});

/**
 * Rows in the shadow table, or -1 while it does not exist: before the rebuild creates it, or
 * once the swap has moved it (which can happen between any check and the count, so a vanished
 * table is read as "not there" rather than checked for first).
 */
async function countShadowRows(pool: Pool, shadow: string): Promise<number> {
  try {
    return Number((await pool.query<{ c: string }>(`select count(*) as c from ${shadow}.projection_test_rows`)).rows[0].c);
  } catch (error) {
    if ((error as { code?: string }).code === '42P01' || (error as { code?: string }).code === '3F000') return -1;
    throw error;
  }
}
