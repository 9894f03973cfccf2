import { Migration } from '@mikro-orm/migrations';

/**
 * Deliveries are sent by a reactor (identity.deliveries) straight from the log: the outbox
 * table and its projection go. The reactor starts where the outbox projection stood, so nothing
 * already queued is sent again; deliveries still pending in the outbox at the upgrade are not
 * sent (their codes expire within minutes; the user asks again). The outbox held sealed
 * envelopes only, and the log keeps them.
 */
export class Migration20261204053000_identity_delivery_reactor extends Migration {
  override up(): void {
    this.addSql(
      `insert into es_checkpoints (consumer, version, position, position_time, events_processed, updated_at)
       select 'identity.deliveries', 1, position, position_time, 0, now() from es_checkpoints
        where consumer = 'identity.delivery-outbox' and version = 1
       on conflict do nothing`,
    );
    this.addSql(`delete from es_dead_letters where consumer = 'identity.delivery-outbox'`);
    this.addSql(`delete from es_checkpoints where consumer = 'identity.delivery-outbox'`);
    this.addSql('drop table if exists identity_deliveries');
  }

  override down(): void {
    this.addSql(`delete from es_checkpoints where consumer = 'identity.deliveries'`);
  }
}
