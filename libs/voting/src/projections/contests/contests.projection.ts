import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { ContestEvent } from '../../domain/contest.events';
import { DEFAULT_CONTEST_SETTINGS } from '../../domain/contest.state';

/** The `events` and `categories` read models, from the contest streams. */
@RegisteredProjection()
export class ContestsProjection implements Projection {
  readonly name = 'voting-contests';
  readonly version = 1;
  readonly filter = { streamPrefixes: ['contest-'], eventTypes: ['ContestCreated', 'ContestEdited', 'CategoryAdded', 'ContestStatusChanged'] };
  readonly tables = ['events', 'categories'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as ContestEvent;
      const tenantId = recorded.metadata.tenantId;
      const at = recorded.createdAt.toISOString();
      switch (event.type) {
        case 'ContestCreated': {
          const d = event.data;
          await em.execute(
            `insert into events (event_id, tenant_id, name, status, start_date, end_date, vote_cap, currency, settings, created_at, updated_at)
             values (?, ?, ?, 'draft', ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict (event_id) do nothing`,
            [d.contestId, tenantId, d.name, d.startDate, d.endDate, d.voteCap, d.currency, JSON.stringify({ ...DEFAULT_CONTEST_SETTINGS, ...d.settings }), d.createdAt, at],
          );
          break;
        }
        case 'ContestEdited': {
          const d = event.data;
          await em.execute(
            `update events set name = coalesce(?, name), start_date = coalesce(?::timestamptz, start_date), end_date = coalesce(?::timestamptz, end_date),
               vote_cap = coalesce(?::integer, vote_cap), settings = settings || ?::jsonb, updated_at = ? where event_id = ?`,
            [d.name ?? null, d.startDate ?? null, d.endDate ?? null, d.voteCap ?? null, JSON.stringify(d.settings ?? {}), at, d.contestId],
          );
          break;
        }
        case 'CategoryAdded': {
          const d = event.data;
          await em.execute(
            `insert into categories (category_id, tenant_id, event_id, name, weight, rules, created_at) values (?, ?, ?, ?, ?, ?::jsonb, ?)
             on conflict (category_id) do nothing`,
            [d.categoryId, tenantId, d.contestId, d.name, d.weight, JSON.stringify(d.rules), d.at],
          );
          break;
        }
        case 'ContestStatusChanged':
          await em.execute(`update events set status = ?, updated_at = ? where event_id = ?`, [event.data.to, at, event.data.contestId]);
          break;
        case 'ContestantAdded':
          break;
        default: {
          const unknown: never = event;
          throw new Error(`Unexpected event ${(unknown as { type: string }).type}`);
        }
      }
    }
  }
}
