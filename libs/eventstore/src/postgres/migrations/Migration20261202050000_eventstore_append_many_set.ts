import { Migration } from '@mikro-orm/migrations';
import { EVENT_STORE_APPEND_MANY_SET_DOWN, EVENT_STORE_APPEND_MANY_SET_UP } from './eventstore-append-many-set.sql';

/** es_append_many_if appends the items that cannot interact with the rest of the batch in one UPDATE and one INSERT. */
export class Migration20261202050000_eventstore_append_many_set extends Migration {
  up(): void {
    for (const statement of EVENT_STORE_APPEND_MANY_SET_UP) this.addSql(statement);
  }

  override down(): void {
    for (const statement of EVENT_STORE_APPEND_MANY_SET_DOWN) this.addSql(statement);
  }
}
