import { ContextSchema } from '@tally/platform';
import { ClientBase, Pool } from 'pg';
import { Migration20261125000000_eventstore_schema } from './postgres/migrations/Migration20261125000000_eventstore_schema';
import { EVENT_STORE_SCHEMA_UP } from './postgres/migrations/eventstore-schema.sql';
import { Migration20261125210000_eventstore_append_many } from './postgres/migrations/Migration20261125210000_eventstore_append_many';
import { EVENT_STORE_APPEND_MANY_UP } from './postgres/migrations/eventstore-append-many.sql';
import { Migration20261126020000_eventstore_append_conditions } from './postgres/migrations/Migration20261126020000_eventstore_append_conditions';
import { EVENT_STORE_APPEND_CONDITIONS_UP } from './postgres/migrations/eventstore-append-conditions.sql';

/** The event store's tables and functions, run by DatabaseModule with every context's migrations. */
export const eventStoreSchema: ContextSchema = {
  entities: [],
  migrations: [
    { name: 'Migration20261125000000_eventstore_schema', class: Migration20261125000000_eventstore_schema },
    { name: 'Migration20261125210000_eventstore_append_many', class: Migration20261125210000_eventstore_append_many },
    { name: 'Migration20261126020000_eventstore_append_conditions', class: Migration20261126020000_eventstore_append_conditions },
  ],
};

/**
 * Installs the same schema without MikroORM, in one transaction: for tests and benchmarks that
 * need an event store in a fresh database and nothing else.
 */
export async function installEventStoreSchema(db: Pool | ClientBase): Promise<void> {
  await db.query(['BEGIN', ...EVENT_STORE_SCHEMA_UP, ...EVENT_STORE_APPEND_MANY_UP, ...EVENT_STORE_APPEND_CONDITIONS_UP, 'COMMIT'].join(';\n'));
}
