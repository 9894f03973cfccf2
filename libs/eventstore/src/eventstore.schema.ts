import { ContextSchema } from '@tally/platform';
import { ClientBase, Pool } from 'pg';
import { Migration20261125000000_eventstore_schema } from './postgres/migrations/Migration20261125000000_eventstore_schema';
import { EVENT_STORE_SCHEMA_UP } from './postgres/migrations/eventstore-schema.sql';
import { Migration20261125210000_eventstore_append_many } from './postgres/migrations/Migration20261125210000_eventstore_append_many';
import { EVENT_STORE_APPEND_MANY_UP } from './postgres/migrations/eventstore-append-many.sql';

/** The event store's tables and functions, run by DatabaseModule with every context's migrations. */
export const eventStoreSchema: ContextSchema = {
  entities: [],
  migrations: [
    { name: 'Migration20261125000000_eventstore_schema', class: Migration20261125000000_eventstore_schema },
    { name: 'Migration20261125210000_eventstore_append_many', class: Migration20261125210000_eventstore_append_many },
  ],
};

/**
 * Installs the same schema without MikroORM, in one transaction: for tests and benchmarks that
 * need an event store in a fresh database and nothing else.
 */
export async function installEventStoreSchema(db: Pool | ClientBase): Promise<void> {
  await db.query(['BEGIN', ...EVENT_STORE_SCHEMA_UP, ...EVENT_STORE_APPEND_MANY_UP, 'COMMIT'].join(';\n'));
}
