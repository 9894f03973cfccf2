import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey } from '@mikro-orm/core';
import { Test, TestingModule } from '@nestjs/testing';
import { ContextSchema, createTestDatabase, DatabaseModule, PlatformModule, TestDatabase } from '@tally/platform';
import { CommandRunner } from './command/command-runner';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { EventStoreModule } from './event-store.module';
import { EVENT_STORE, EventStore, RecordedEvent } from './event-store.port';
import { eventStoreSchema } from './eventstore.schema';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { UpcasterRegistry } from './upcasting/upcaster-registry';

// MikroORM refuses to start without an entity; the app always has some, this test borrows one.
@Entity({ tableName: 'es_module_probe' })
class ModuleProbe {
  @PrimaryKey({ type: 'number' })
  id!: number;
}

const probeSchema: ContextSchema = { entities: [ModuleProbe], migrations: [] };

describe('EventStoreModule', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(() => database.drop());

  it('runs the schema migration, provides the PostgreSQL store and CommandRunner, and stops subscriptions on shutdown', async () => {
    const moduleRef: TestingModule = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ env: { DATABASE_URL: database.url } }), DatabaseModule.forRoot([eventStoreSchema, probeSchema]), EventStoreModule],
    }).compile();
    await moduleRef.init();
    const store = moduleRef.get<EventStore>(EVENT_STORE);
    expect(store).toBeInstanceOf(PostgresEventStore);
    expect(moduleRef.get(CommandRunner)).toBeInstanceOf(CommandRunner);
    moduleRef.get(UpcasterRegistry).register('ModuleProbe', 1, 2, () => ({ upcast: true }));

    const stream = `module-tenant.${randomUUID()}`;
    const metadata = { tenantId: 'tenant', actorId: null, clientIp: null, correlationId: randomUUID(), causationId: null };
    await store.append(stream, [{ type: 'ModuleProbe', data: {}, metadata }], 'no_stream');
    expect(await store.readStream(stream)).toMatchObject([{ schemaVersion: 2, data: { upcast: true } }]);

    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe({ from: 'start', filter: { streamPrefixes: ['module-'] } }, async (batch) => void seen.push(...batch));
    await subscription.caughtUp;
    expect(seen).toHaveLength(1);

    await moduleRef.close();
    await expect(subscription.done).resolves.toBeUndefined();
  });

  it('provides the EventStoreDB adapter when EVENTSTORE_URL is set', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({ env: { DATABASE_URL: database.url, EVENTSTORE_URL: 'esdb://127.0.0.1:1?tls=false' } }),
        DatabaseModule.forRoot([eventStoreSchema, probeSchema]),
        EventStoreModule,
      ],
    }).compile();
    await moduleRef.init();
    expect(moduleRef.get(EVENT_STORE)).toBeInstanceOf(EsdbEventStore);
    await moduleRef.close();
  });
});
