import { Migration } from '@mikro-orm/migrations';
import { EVENT_STORE_SCHEMA_DOWN, EVENT_STORE_SCHEMA_UP } from './eventstore-schema.sql';

/** es_streams, es_events, es_append and es_delete_stream (EVENTSTORE.md §2). */
export class Migration20261125000000_eventstore_schema extends Migration {
  up(): void {
    for (const statement of EVENT_STORE_SCHEMA_UP) this.addSql(statement);
  }

  override down(): void {
    for (const statement of EVENT_STORE_SCHEMA_DOWN) this.addSql(statement);
  }
}
