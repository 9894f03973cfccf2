import { Migration } from '@mikro-orm/migrations';

/** The payments read model shows credits held and whether an early fraud warning arrived. */
export class Migration20261126130000_payments_credit_holds extends Migration {
  override up(): void {
    this.addSql(`alter table payments add column credits_held integer not null default 0, add column fraud_warned_at timestamptz null`);
  }

  override down(): void {
    this.addSql(`alter table payments drop column if exists fraud_warned_at, drop column if exists credits_held`);
  }
}
