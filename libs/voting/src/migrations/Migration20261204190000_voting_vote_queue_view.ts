import { Migration } from '@mikro-orm/migrations';

/**
 * The SPEC's vote_queue (queue_id, vote_id, status, retry_count, next_retry_at) as a SQL view, for
 * an operator with psql. It derives what VOTE_QUEUE / LogQueueView derive for the API, from the
 * same places: the log (es_events) is the queue, the checkpoints of voting-votes and
 * voting-leaderboard say how far each consumer has taken from it, and es_dead_letters holds what
 * one of them parked. No row is written per vote (docs/architecture.md, "The vote queue").
 *
 * Each consumer's newest checkpoint version counts (the API uses the version the running code
 * registers: the same but while a rebuild under a new version catches up). With the EventStoreDB
 * adapter the log lives there and this view is empty: GET /api/admin/vote-queue serves both.
 * A full view reads every VoteCast: filter it (status, tenant_id, queue_id) or use the API's pages.
 */
export class Migration20261204190000_voting_vote_queue_view extends Migration {
  override up(): void {
    this.addSql(`create view vote_queue as
      with consumers (name) as (values ('voting-votes'), ('voting-leaderboard')),
      newest as (
        select c.name, checkpoint.version, checkpoint.position
        from consumers c
        left join lateral (
          select version, position from es_checkpoints where consumer = c.name order by version desc limit 1
        ) checkpoint on true
      ),
      slowest as (
        select case when bool_or(position is null) then null else min(position) end as position from newest
      ),
      parked as (
        select d.event_id, max(d.retries) as retry_count, min(d.next_retry_at) as next_retry_at,
          bool_or(d.next_retry_at is not null) as retrying
        from es_dead_letters d
        join newest n on n.name = d.consumer and n.version = d.version
        where d.replayed_at is null
        group by d.event_id
      )
      select
        e.event_id as queue_id,
        e.data ->> 'voteId' as vote_id,
        e.metadata ->> 'tenantId' as tenant_id,
        case
          when p.event_id is not null then case when p.retrying then 'retrying' else 'dead' end
          when s.position is not null
            and lpad(e.transaction_id::text, 20, '0') || ':' || lpad(e.global_position::text, 19, '0') <= s.position then 'applied'
          else 'pending'
        end as status,
        coalesce(p.retry_count, 0) as retry_count,
        p.next_retry_at,
        lpad(e.transaction_id::text, 20, '0') || ':' || lpad(e.global_position::text, 19, '0') as position,
        e.created_at
      from es_events e
      cross join slowest s
      left join parked p on p.event_id = e.event_id
      where e.event_type = 'VoteCast' and e.stream_id like 'voter-%'`);
  }

  override down(): void {
    this.addSql('drop view if exists vote_queue');
  }
}
