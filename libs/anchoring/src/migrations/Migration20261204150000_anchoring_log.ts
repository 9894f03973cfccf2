import { Migration } from '@mikro-orm/migrations';

export class Migration20261204150000_anchoring_log extends Migration {
  override up(): void {
    // One row per leaf of a contest's Merkle log (SPEC: vote_hashes). hash_id is the event the
    // leaf records; vote_hash the RFC 9162 leaf hash; entry the leaf's canonical bytes (public);
    // user_id stays private (ballot snapshots, receipt access). No stored inclusion proof: it
    // changes with every head, so it is computed from merkle_nodes on request (O(log n) rows).
    this.addSql(`create table vote_hashes (
      hash_id uuid primary key, tenant_id text not null, contest_id uuid not null, leaf_index bigint not null,
      vote_id uuid not null, kind text not null, user_id text not null, vote_hash bytea not null, entry text not null,
      created_at timestamptz not null)`);
    this.addSql(`create unique index vote_hashes_contest_id_leaf_index_index on vote_hashes (contest_id, leaf_index)`);
    this.addSql(`create index vote_hashes_vote_id_index on vote_hashes (vote_id)`);
    // Every perfect subtree of every contest's tree: (level, idx) covers leaves [idx·2^level, (idx+1)·2^level).
    this.addSql(`create table merkle_nodes (contest_id uuid not null, level smallint not null, idx bigint not null, hash bytea not null,
      primary key (contest_id, level, idx))`);
    this.addSql(`create table merkle_logs (contest_id uuid primary key, tenant_id text not null, tree_size bigint not null,
      root_hash bytea not null, updated_at timestamptz not null)`);
    // Signed tree heads: history, never rebuilt (a head once published, or anchored, stays).
    this.addSql(`create table tree_heads (tenant_id text not null, contest_id uuid not null, tree_size bigint not null,
      root_hash text not null, timestamp text not null, signature text not null, key_id text not null, created_at timestamptz not null,
      primary key (contest_id, tree_size))`);
    this.addSql(`create index tree_heads_created_at_index on tree_heads (created_at)`);
    // Per-tenant keys: the Ed25519 log signing key and the AES-256 ballot snapshot key, sealed under the master keyring.
    this.addSql(`create table anchoring_tenant_keys (tenant_id text not null, purpose text not null, key_id text not null,
      public_key text null, sealed jsonb not null, created_at timestamptz not null, primary key (tenant_id, purpose))`);
    this.addSql(`create table ballot_snapshots (snapshot_id uuid primary key, tenant_id text not null, event_id uuid not null,
      tree_size bigint not null, merkle_root text not null, key_id text not null, ballots integer not null, encrypted_json jsonb not null,
      locked_at timestamptz not null)`);
    this.addSql(`create unique index ballot_snapshots_event_id_tree_size_index on ballot_snapshots (event_id, tree_size)`);
  }

  override down(): void {
    for (const table of ['ballot_snapshots', 'anchoring_tenant_keys', 'tree_heads', 'merkle_logs', 'merkle_nodes', 'vote_hashes']) this.addSql(`drop table if exists ${table}`);
  }
}
