import { MikroORM } from '@mikro-orm/postgresql';
import { TestingModule } from '@nestjs/testing';
import { DATABASE_LOCATION, DatabaseLocation, TestDatabaseKind } from '@tally/platform';
import { Pool } from 'pg';
import { EventFilter, EventStore, EventToAppend, GlobalPosition, ReadAllOptions, RecordedEvent } from '../event-store.port';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import { AdvisoryLocks } from './advisory-locks';
import { ProjectionBatchApplier } from './batch-applier';
import { checkpoints } from './checkpoints';
import { ParkedEventRetrier } from './parked-event-retrier';
import { Projection } from './projection';
import { ProjectionProgress } from './projection-progress';
import { ProjectionRebuilder } from './projection-rebuilder';
import { ProjectionRunner } from './projection-runner';
import { PROJECTIONS_CONFIG, ProjectionsConfig } from './projections.config';
import { sleep } from './retry-policy';
import { eventually, useProjectionTestBed, waitUntilReadable } from './testing/projection-test-kit';

/** A projection without tables that keeps what it was handed, in order. */
interface RecordingProjection extends Projection {
  readonly applied: RecordedEvent[];
}

function recording(name: string, filter: EventFilter): RecordingProjection {
  const applied: RecordedEvent[] = [];
  return {
    name,
    version: 1,
    filter,
    tables: [],
    applied,
    async apply(events) {
      applied.push(...events);
    },
  };
}

/** The store with its readAll calls counted per filter's event types (the runner's loop reads). */
function countingReads(store: EventStore): { store: EventStore; readsOf: (projection: Projection) => number } {
  const reads = new Map<string, number>();
  const keyOf = (filter: EventFilter | undefined): string => JSON.stringify(filter ?? {});
  const counted = new Proxy(store, {
    get(target, property) {
      if (property === 'readAll') {
        return (options: ReadAllOptions = {}) => {
          reads.set(keyOf(options.filter), (reads.get(keyOf(options.filter)) ?? 0) + 1);
          return target.readAll(options);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: counted, readsOf: (projection) => reads.get(keyOf(projection.filter)) ?? 0 };
}

function event(type: string, n = 0): EventToAppend {
  return { type, data: { n }, metadata: { tenantId: 't1', actorId: null, clientIp: null, correlationId: `c-${n}`, causationId: null } };
}

/** Runs `projections` on a runner of their own over `store` while `body` runs, then stops it. */
async function withRunner(app: TestingModule, store: EventStore, projections: Projection[], body: (progress: ProjectionProgress) => Promise<void>): Promise<void> {
  const orm = app.get<MikroORM>(MikroORM);
  const config = app.get<ProjectionsConfig>(PROJECTIONS_CONFIG);
  const locks = new AdvisoryLocks(app.get<DatabaseLocation>(DATABASE_LOCATION).url, 'tally-projections-census-test');
  const applier = new ProjectionBatchApplier(orm, config);
  const progress = new ProjectionProgress();
  const runner = new ProjectionRunner(store, orm, locks, applier, new ProjectionRebuilder(store, orm, locks, applier, config), new ParkedEventRetrier(store, orm, config), config, progress);
  runner.start(projections);
  try {
    await body(progress);
  } finally {
    await runner.stop();
  }
}

/**
 * Waits until the projection's loop is live at the store's head (its next read would start
 * there). The head is read again on each try: something the test bed's app appends while it
 * settles can move it (a fresh-clone CI run saw position 11 become 12).
 */
async function liveAtHead(progress: ProjectionProgress, store: EventStore, projection: Projection): Promise<GlobalPosition> {
  let head: GlobalPosition | null = null;
  await eventually(async () => {
    head = await store.headPosition();
    expect(progress.appliedThrough(projection.name)).toBe(head);
  });
  return head!;
}

/** A transaction held open on a connection of its own: its appends get an older xid and commit when told. */
async function openTransaction(url: string): Promise<{ store: EventStore; commit: () => Promise<void> }> {
  const single = new Pool({ connectionString: url, max: 1 });
  single.on('error', () => undefined);
  await single.query('BEGIN');
  return {
    store: new PostgresEventStore(single, { listen: false }),
    commit: async () => {
      await single.query('COMMIT');
      await single.end();
    },
  };
}

/** Every event the filter takes, in log order: what a projection must have applied, each once. */
async function logFiltered(store: EventStore, filter: EventFilter): Promise<string[]> {
  return (await store.readAll({ filter })).map((recorded) => recorded.id);
}

/** A seeded pseudo-random sequence, so a failing mix can be run again. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const kinds: TestDatabaseKind[] = ['postgres', 'pglite'];

describe.each(kinds)('projection runner head census on %s', (kind) => {
  const bed = useProjectionTestBed(kind, { name: 'census_', prefix: 'census' });

  it('skips the read of a caught-up loop whose types were not appended, while its checkpoint still advances', async () => {
    const { name, prefix } = bed.fresh();
    const types = { rare: `${prefix}Rare`, busy: `${prefix}Busy` };
    const { app, store } = await bed.start({ run: false, name, prefix, env: { PROJECTIONS_SKIP_PERSIST_MS: '250' } });
    // A head to start from: the census covers (previous head, head] only.
    await store.append(`${prefix}s0`, [event(types.busy)], 'any');
    const counted = countingReads(store);
    const rare = recording(`${name}_rare`, { eventTypes: [types.rare] });
    const busy = recording(`${name}_busy`, { eventTypes: [types.busy] });

    await withRunner(app, counted.store, [rare, busy], async (progress) => {
      await eventually(() => expect(busy.applied).toHaveLength(1));
      const start = await liveAtHead(progress, store, rare);
      const readsBefore = { rare: counted.readsOf(rare), busy: counted.readsOf(busy) };

      const appended: RecordedEvent[] = [];
      for (let n = 1; n <= 10; n++) {
        await store.append(`${prefix}s${n % 3}`, [event(types.busy, n)], 'any');
        // One head move per append: the next one only once this one was applied.
        await eventually(() => expect(busy.applied).toHaveLength(n + 1));
        appended.push(busy.applied[n]);
        await sleep(150);
      }
      const last = appended[appended.length - 1].position;
      await eventually(() => expect(progress.appliedThrough(rare.name)).toBe(last));

      // Ten head moves: the busy loop read for each, the rare loop for none.
      expect(counted.readsOf(rare)).toBe(readsBefore.rare);
      expect(counted.readsOf(busy) - readsBefore.busy).toBeGreaterThanOrEqual(10);
      expect(rare.applied).toEqual([]);
      // Its skips were written to its checkpoint (lazily, every 250 ms), not just kept in memory.
      const checkpoint = await checkpoints.load(app.get<MikroORM>(MikroORM).em.fork(), rare.name, 1);
      expect(checkpoint!.position! > start).toBe(true);
      expect(checkpoint!.position! >= appended[2].position).toBe(true);
      expect(checkpoint).toMatchObject({ eventsProcessed: 0 });
    });
  });

  (kind === 'postgres' ? it : it.skip)('delivers each event of a busy range once, in order, including an older transaction that commits late', async () => {
    const { name, prefix } = bed.fresh();
    const types = { rare: `${prefix}Rare`, busy: `${prefix}Busy` };
    const { app, store } = await bed.start({ run: false, name, prefix, env: { PROJECTIONS_SKIP_PERSIST_MS: '0' } });
    await store.append(`${prefix}s0`, [event(types.busy)], 'any');
    const rare = recording(`${name}_rare`, { eventTypes: [types.rare] });
    const busy = recording(`${name}_busy`, { eventTypes: [types.busy] });

    await withRunner(app, store, [rare, busy], async (progress) => {
      await liveAtHead(progress, store, rare);
      // Head moves the rare loop skips.
      for (let n = 1; n <= 3; n++) await store.append(`${prefix}s${n}`, [event(types.busy, n)], 'any');
      await eventually(() => expect(busy.applied).toHaveLength(4));

      const late = await openTransaction(app.get<DatabaseLocation>(DATABASE_LOCATION).url);
      await late.store.append(`${prefix}late`, [event(types.rare, 100)], 'any');
      // Newer transactions commit first, of both types.
      for (let n = 4; n <= 6; n++) await store.append(`${prefix}s${n}`, [event(types.busy, n)], 'any');
      await store.append(`${prefix}r`, [event(types.rare, 101)], 'any');
      expect(await store.readStream(`${prefix}r`)).toHaveLength(1);
      await sleep(400);
      // Held back behind the open transaction: no loop has seen, or skipped past, any of them.
      expect(rare.applied).toEqual([]);
      expect(busy.applied).toHaveLength(4);
      await late.commit();

      await eventually(() => expect(busy.applied).toHaveLength(7));
      await eventually(() => expect(rare.applied).toHaveLength(2));
      expect(rare.applied.map((recorded) => recorded.data)).toEqual([{ n: 100 }, { n: 101 }]);
      expect(rare.applied.map((recorded) => recorded.id)).toEqual(await logFiltered(store, rare.filter));
      expect(busy.applied.map((recorded) => recorded.id)).toEqual(await logFiltered(store, busy.filter));
      await sleep(300);
      expect(rare.applied).toHaveLength(2);
      expect(busy.applied).toHaveLength(7);
    });
  });

  it('loses nothing while loops skip: parallel writers of mixed types, every projection applies the log filtered, once, in order', async () => {
    const { name, prefix } = bed.fresh();
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((type) => `${prefix}${type}`);
    const { app, store } = await bed.start({ run: false, name, prefix, env: { PROJECTIONS_SKIP_PERSIST_MS: '100' } });
    await store.append(`${prefix}w0-seed`, [event(b)], 'any');
    const projections = [
      recording(`${name}_a`, { eventTypes: [a] }),
      recording(`${name}_bc`, { eventTypes: [b, c] }),
      recording(`${name}_d`, { eventTypes: [d] }),
      recording(`${name}_w0ad`, { streamPrefixes: [`${prefix}w0`], eventTypes: [a, d] }),
      recording(`${name}_all`, { streamPrefixes: [prefix] }),
    ];
    const random = seeded(kind === 'postgres' ? 7 : 11);
    // D is rare, so its loop skips most head moves; A, B and C make the traffic.
    const mix = [a, a, b, b, b, c, c, d];
    const url = app.get<DatabaseLocation>(DATABASE_LOCATION).url;

    let written = 1;
    await withRunner(app, store, projections, async () => {
      const writer = async (w: number): Promise<void> => {
        for (let n = 0; n < 25; n++) {
          const count = 1 + Math.floor(random() * 3);
          written += count;
          const batch = Array.from({ length: count }, (_, k) => event(mix[Math.floor(random() * mix.length)], n * 10 + k));
          const stream = `${prefix}w${w}-${Math.floor(random() * 4)}`;
          // On a server, now and then an older transaction commits after newer ones.
          if (kind === 'postgres' && n % 8 === 3) {
            const late = await openTransaction(url);
            await late.store.append(stream, batch, 'any');
            await sleep(30 + random() * 120);
            await late.commit();
          } else {
            await store.append(stream, batch, 'any');
          }
          await sleep(random() * 25);
        }
      };
      await Promise.all([0, 1, 2, 3].map(writer));
      // The expected lists come from the log once all of it is readable: another test file's open
      // transaction can hold the cluster-wide xmin back, and a list read then would be cut short.
      await waitUntilReadable(store, prefix, written);

      for (const projection of projections) {
        const expected = await logFiltered(store, projection.filter);
        await eventually(() => expect(projection.applied.map((recorded) => recorded.id)).toEqual(expected));
      }
      expect(new Set(projections[4].applied.map((recorded) => recorded.id)).size).toBe(projections[4].applied.length);
      expect(projections[2].applied.length).toBeGreaterThan(0);
    });
  });
});
