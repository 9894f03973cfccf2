import { Migration } from '@mikro-orm/migrations';

/**
 * Contestant names are moderated (issue 17). `contestant_names` holds each approved name (its own
 * table and projection, like `contestant_content`, so a leaderboard rebuild cannot lose it).
 * `contestants.name` becomes what the public saw when the contestant was added: the name, or
 * "Contestant <n>" while the name waits for a moderator; the rows already there were public names.
 */
export class Migration20261204210000_voting_contestant_names extends Migration {
  override up(): void {
    this.addSql(`create table if not exists contestant_names (
      contestant_id uuid primary key, tenant_id text not null, event_id uuid not null, name text not null,
      submission_id uuid not null, approved_at timestamptz not null)`);
    this.addSql(`create index if not exists contestant_names_event_id_index on contestant_names (event_id)`);
  }

  override down(): void {
    this.addSql('drop table if exists contestant_names');
  }
}
