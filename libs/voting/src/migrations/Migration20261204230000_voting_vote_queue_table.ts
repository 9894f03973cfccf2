import { Migration } from '@mikro-orm/migrations';

/**
 * The SPEC's vote_queue table (queue_id, vote_id, status, retry_count, next_retry_at): the votes
 * that did not go straight into the vote list and the leaderboard, i.e. those voting-votes or
 * voting-leaderboard parked, one row per vote while it waits for a retry ('retrying') or for an
 * operator ('dead'), gone once it is replayed. A vote that goes straight through is never a row:
 * the log is the queue of those (docs/architecture.md, "The vote queue"), so nothing is written
 * per vote on the vote path.
 *
 * The rows follow es_dead_letters through a trigger rather than through code: parking lives in
 * the event store's generic projection machinery, which knows nothing of votes, and the trigger
 * runs only when an event is parked, retried or replayed (never for a vote that applies). Each
 * change recomputes the vote's row from its dead letters (the two consumers may both hold it).
 * vote_id and tenant_id come from the stored event: null when the log lives in EventStoreDB.
 *
 * The derived view of every vote (pending, applied, retrying, dead) keeps its columns under the
 * name vote_log_queue.
 */
export class Migration20261204230000_voting_vote_queue_table extends Migration {
  override up(): void {
    this.addSql('alter view vote_queue rename to vote_log_queue');
    this.addSql(`create table vote_queue (
      queue_id uuid primary key,
      vote_id text null,
      tenant_id text null,
      status text not null check (status in ('retrying', 'dead')),
      retry_count integer not null,
      next_retry_at timestamptz null,
      parked_at timestamptz not null,
      updated_at timestamptz not null default now())`);
    this.addSql('create index vote_queue_tenant_status on vote_queue (tenant_id, status)');
    this.addSql(`create function voting_vote_queue_refresh(p_event_id uuid) returns void language sql set search_path = public as $$
      delete from vote_queue where queue_id = p_event_id;
      insert into vote_queue (queue_id, vote_id, tenant_id, status, retry_count, next_retry_at, parked_at)
      select p.event_id, e.data ->> 'voteId', e.metadata ->> 'tenantId', p.status, p.retry_count, p.next_retry_at, p.parked_at
      from (
        select d.event_id, min(d.stream_id) as stream_id,
          case when bool_or(d.next_retry_at is not null) then 'retrying' else 'dead' end as status,
          max(d.retries) as retry_count, min(d.next_retry_at) as next_retry_at, min(d.parked_at) as parked_at
        from es_dead_letters d
        where d.event_id = p_event_id and d.replayed_at is null and d.event_type = 'VoteCast'
          and d.consumer in ('voting-votes', 'voting-leaderboard')
        group by d.event_id
      ) p
      left join es_events e on e.stream_id = p.stream_id and e.event_id = p.event_id
    $$`);
    this.addSql(`create function voting_vote_queue_follow() returns trigger language plpgsql set search_path = public as $$
      begin
        if tg_op = 'DELETE' then
          if old.event_type = 'VoteCast' then perform voting_vote_queue_refresh(old.event_id); end if;
        elsif new.event_type = 'VoteCast' then
          perform voting_vote_queue_refresh(new.event_id);
        end if;
        return null;
      end
    $$`);
    this.addSql(`create trigger voting_vote_queue_follow after insert or update or delete on es_dead_letters
      for each row execute function voting_vote_queue_follow()`);
    // Votes parked before this migration.
    this.addSql(`select voting_vote_queue_refresh(event_id) from (select distinct event_id from es_dead_letters where event_type = 'VoteCast') parked`);
  }

  override down(): void {
    this.addSql('drop trigger if exists voting_vote_queue_follow on es_dead_letters');
    this.addSql('drop function if exists voting_vote_queue_follow()');
    this.addSql('drop function if exists voting_vote_queue_refresh(uuid)');
    this.addSql('drop table if exists vote_queue');
    this.addSql('alter view vote_log_queue rename to vote_queue');
  }
}
