import { Migration } from '@mikro-orm/migrations';

/**
 * blockchain_anchors (SPEC: anchor_id, event_id, content_hash, tx_hash, chain, timestamp): one row
 * per signed tree head anchored on a chain (libs/anchoring/README.md "Anchoring on a chain").
 * event_id is the contest; content_hash the hex treeHeadDigest of the head; timestamp when the
 * anchor was sent, then the time of the block that holds it.
 */
export class Migration20261204153000_blockchain_anchors extends Migration {
  override up(): void {
    this.addSql(`create table blockchain_anchors (
      anchor_id uuid primary key, event_id uuid not null, tenant_id text not null, content_hash text not null,
      tree_size bigint not null, root_hash text not null, head jsonb not null, trigger text not null,
      chain text not null, chain_id integer not null, contract_address text not null, publisher text not null,
      tx_hash text null, status text not null, block_number bigint null, block_hash text null, confirmations integer not null default 0,
      sends integer not null default 0, failures integer not null default 0, failed_tx_hashes text[] not null default '{}', last_error text null,
      timestamp timestamptz null, created_at timestamptz not null, confirmed_at timestamptz null, checked_at timestamptz null)`);
    // One anchor per head and chain: the daily job and a close at the same moment record it once.
    this.addSql('create unique index blockchain_anchors_head_unique on blockchain_anchors (chain, content_hash)');
    this.addSql('create index blockchain_anchors_contest_index on blockchain_anchors (tenant_id, event_id, tree_size)');
    this.addSql('create index blockchain_anchors_status_index on blockchain_anchors (status, confirmed_at)');
  }

  override down(): void {
    this.addSql('drop table if exists blockchain_anchors');
  }
}
