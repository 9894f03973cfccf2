import { Migration } from '@mikro-orm/migrations';

/**
 * The approved bio and media URLs of each contestant (issue 17): what the public sees. A table of
 * its own rather than columns on `contestants`: each projection owns its tables, and a rebuild of
 * the leaderboard projection (which owns `contestants`) swaps in fresh tables that would lose them.
 */
export class Migration20261204193000_voting_contestant_content extends Migration {
  override up(): void {
    this.addSql(`create table if not exists contestant_content (
      contestant_id uuid primary key, tenant_id text not null, event_id uuid not null, bio text null,
      media_urls jsonb not null, submission_id uuid not null, approved_at timestamptz not null)`);
    this.addSql(`create index if not exists contestant_content_event_id_index on contestant_content (event_id)`);
  }

  override down(): void {
    this.addSql('drop table if exists contestant_content');
  }
}
