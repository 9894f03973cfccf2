import { Migration } from '@mikro-orm/migrations';
import { EVENT_STORE_APPEND_CONDITIONS_DOWN, EVENT_STORE_APPEND_CONDITIONS_UP } from './eventstore-append-conditions.sql';

/** es_append_if and es_append_many_if: appends that happen only if other streams are at given revisions. */
export class Migration20261126020000_eventstore_append_conditions extends Migration {
  up(): void {
    for (const statement of EVENT_STORE_APPEND_CONDITIONS_UP) this.addSql(statement);
  }

  override down(): void {
    for (const statement of EVENT_STORE_APPEND_CONDITIONS_DOWN) this.addSql(statement);
  }
}
