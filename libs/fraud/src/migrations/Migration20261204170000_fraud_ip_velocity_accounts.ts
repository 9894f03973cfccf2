import { Migration } from '@mikro-orm/migrations';

/**
 * ip_velocity_accounts: which accounts voted from an address in a window, so that
 * ip_velocity.accounts is an exact distinct count however the projection's batches fall (a
 * count folded per batch only saw the accounts of its own batch).
 */
export class Migration20261204170000_fraud_ip_velocity_accounts extends Migration {
  override up(): void {
    this.addSql(`create table ip_velocity_accounts (
      tenant_id text not null, ip_address text not null, window_start timestamptz not null, user_id text not null,
      primary key (tenant_id, ip_address, window_start, user_id))`);
  }

  override down(): void {
    this.addSql(`drop table if exists ip_velocity_accounts`);
  }
}
