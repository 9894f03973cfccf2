import { Migration } from '@mikro-orm/migrations';

/**
 * The payments reactors run on the projection runner now: their positions move from
 * payment_reactor_checkpoints to es_checkpoints (version 1), so they resume where they were
 * instead of reacting to every payment event again.
 */
export class Migration20261204050000_payments_reactor_checkpoints extends Migration {
  override up(): void {
    this.addSql(
      `insert into es_checkpoints (consumer, version, position, position_time, events_processed, updated_at)
       select name, 1, position, null, 0, updated_at from payment_reactor_checkpoints
       on conflict do nothing`,
    );
    this.addSql(`drop table payment_reactor_checkpoints`);
  }

  override down(): void {
    this.addSql(`create table payment_reactor_checkpoints (name text primary key, position text not null, updated_at timestamptz not null)`);
    this.addSql(
      `insert into payment_reactor_checkpoints (name, position, updated_at)
       select consumer, position, updated_at from es_checkpoints
        where consumer in ('payments.credits', 'payments.fraud-warning-refunds') and version = 1 and position is not null`,
    );
  }
}
