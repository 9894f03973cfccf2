import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { createTestDatabase, TestDatabaseKind } from '@tally/platform';
import { Pool } from 'pg';
import { eventStoreSchema, installEventStoreSchema } from '../eventstore.schema';
import { PostgresEventStore, PostgresEventStoreOptions } from '../postgres/postgres-event-store';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { ContractHarness, OpenTransaction } from './event-store.contract';

export interface PostgresHarness extends ContractHarness {
  store: PostgresEventStore;
  pool: Pool;
  url: string;
}

/**
 * A fresh database with the event store schema and a PostgresEventStore on it. `migrate: 'orm'`
 * installs the schema through MikroORM's Migrator exactly as DatabaseModule does.
 */
export async function createPostgresHarness(
  kind: TestDatabaseKind,
  options: { migrate?: 'orm' | 'sql'; store?: PostgresEventStoreOptions } = {},
): Promise<PostgresHarness> {
  const database = await createTestDatabase(kind);
  const pool = new Pool({ connectionString: database.url, max: 10, query_timeout: 30_000 });
  pool.on('error', () => undefined); // an idle client dropped by the server must not crash the run
  try {
    if (options.migrate === 'orm') await migrateWithOrm(database.url);
    else await installEventStoreSchema(pool);
  } catch (error) {
    await pool.end();
    await database.drop();
    throw error;
  }
  const upcasters = new UpcasterRegistry();
  const store = new PostgresEventStore(pool, { upcasters, ...options.store });
  const opened = new Set<Pool>();
  return {
    store,
    upcasters,
    pool,
    url: database.url,
    openTransaction: async (): Promise<OpenTransaction> => {
      // One connection: every statement below runs in the same transaction.
      const single = new Pool({ connectionString: database.url, max: 1, idleTimeoutMillis: 0 });
      single.on('error', () => undefined);
      opened.add(single);
      const inner = new PostgresEventStore(single, { listen: false });
      await single.query('BEGIN');
      const finish = async (sql: string): Promise<void> => {
        await single.query(sql);
        opened.delete(single);
        await single.end();
      };
      return {
        append: async (streamId, events, expected, options) => void (await inner.append(streamId, events, expected, options)),
        commit: () => finish('COMMIT'),
        rollback: () => finish('ROLLBACK'),
      };
    },
    close: async () => {
      await store.close();
      for (const single of opened) await single.end().catch(() => undefined);
      await pool.end();
      await database.drop();
    },
  };
}

async function migrateWithOrm(url: string): Promise<void> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: { migrationsList: eventStoreSchema.migrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    allowGlobalContext: true,
    debug: false,
  });
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close(true);
  }
}
