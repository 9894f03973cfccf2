import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { ContextSchema } from '@tally/platform';
import { EventFilter, RecordedEvent } from '../../event-store.port';
import { Projection, ProjectionContext } from '../projection';
import { RegisteredProjection } from '../registered-projection.decorator';

/**
 * Test-only read model: one row per applied event (serial id, so a duplicate apply shows up as
 * a second row instead of a key violation) and a per-stream counter (non-idempotent upsert).
 * Rows go through a MikroORM entity, counters through raw SQL on the same `em`, so a rebuild
 * proves both land in the shadow schema.
 */
@Entity({ tableName: 'projection_test_rows' })
export class ProjectionTestRow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'string' })
  streamId!: string;

  @Property({ type: 'integer' })
  revision!: number;
}

export class Migration20261125000900_test_projection_tables extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table projection_test_rows (id serial primary key, event_id uuid not null, stream_id text not null, revision integer not null)`);
    this.addSql(`create index projection_test_rows_stream on projection_test_rows (stream_id, revision)`);
    this.addSql(`create table projection_test_totals (stream_id text primary key, events integer not null)`);
  }
}

export const countingProjectionSchema: ContextSchema = {
  entities: [ProjectionTestRow],
  migrations: [{ name: 'Migration20261125000900_test_projection_tables', class: Migration20261125000900_test_projection_tables }],
};

/** Knobs the tests turn to make the projection fail, crash or slow down. */
export interface CountingProjectionHooks {
  /** Events whose apply always throws (a poison event). */
  poison: Set<string>;
  /** The next N applies throw, whatever the events (a flaky failure that retries cure). */
  failNext: number;
  /** Called before each event is applied; may throw or kill the connection. */
  beforeEvent?: (event: RecordedEvent, index: number, context: ProjectionContext) => Promise<void>;
  /** Pause per batch, to keep a rebuild running while the test reads. */
  delayMs: number;
  batches: number[];
}

@RegisteredProjection()
export class CountingProjection implements Projection {
  name = 'test_counting';
  version = 1;
  filter: EventFilter = { streamPrefixes: ['ptest-'] };
  readonly tables = ['projection_test_rows', 'projection_test_totals'] as const;
  hooks: CountingProjectionHooks = CountingProjection.defaultHooks();
  omitData?: readonly string[];

  /** Tests share one database: each uses its own projection name and stream prefix. */
  configure(name: string, streamPrefix: string, version = 1): this {
    this.name = name;
    this.version = version;
    this.filter = { streamPrefixes: [streamPrefix] };
    return this;
  }

  static defaultHooks(): CountingProjectionHooks {
    return { poison: new Set(), failNext: 0, delayMs: 0, batches: [] };
  }

  async apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void> {
    this.hooks.batches.push(events.length);
    if (this.hooks.delayMs) await new Promise((resolve) => setTimeout(resolve, this.hooks.delayMs));
    for (const [index, event] of events.entries()) {
      await this.hooks.beforeEvent?.(event, index, context);
      if (this.hooks.failNext > 0) {
        this.hooks.failNext -= 1;
        throw new Error('flaky read model');
      }
      if (this.hooks.poison.has(event.id)) throw new Error(`poison event ${event.id}`);
      await context.em.insert(ProjectionTestRow, { eventId: event.id, streamId: event.streamId, revision: event.revision });
      await context.em.execute(
        `insert into projection_test_totals (stream_id, events) values (?, 1) on conflict (stream_id) do update set events = projection_test_totals.events + 1`,
        [event.streamId],
      );
    }
  }
}
