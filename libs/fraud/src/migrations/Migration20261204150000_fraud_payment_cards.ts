import { Migration } from '@mikro-orm/migrations';

/** fraud_payment_cards: which accounts paid with which card (by the provider's card fingerprint), for the payment-risk signal's card sharing. */
export class Migration20261204150000_fraud_payment_cards extends Migration {
  override up(): void {
    this.addSql(`create table fraud_payment_cards (
      tenant_id text not null, card_fingerprint text not null, user_id text not null, payments integer not null,
      first_paid_at timestamptz not null, last_paid_at timestamptz not null, primary key (tenant_id, card_fingerprint, user_id))`);
    this.addSql(`create index fraud_payment_cards_tenant_user_idx on fraud_payment_cards (tenant_id, user_id)`);
  }

  override down(): void {
    this.addSql(`drop table if exists fraud_payment_cards`);
  }
}
