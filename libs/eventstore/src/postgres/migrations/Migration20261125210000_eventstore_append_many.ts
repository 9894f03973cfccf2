import { Migration } from '@mikro-orm/migrations';
import { EVENT_STORE_APPEND_MANY_DOWN, EVENT_STORE_APPEND_MANY_UP } from './eventstore-append-many.sql';

/** es_append_many: group commit of appends to several streams (one transaction, one commit). */
export class Migration20261125210000_eventstore_append_many extends Migration {
  up(): void {
    for (const statement of EVENT_STORE_APPEND_MANY_UP) this.addSql(statement);
  }

  override down(): void {
    for (const statement of EVENT_STORE_APPEND_MANY_DOWN) this.addSql(statement);
  }
}
