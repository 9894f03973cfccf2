import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection, unnestRows } from '@tally/eventstore';
import { USAGE_EVENT_TYPES, UsageFact, usageFactOf } from '../../domain/usage-fact';

/**
 * `usage_facts`: one row per vote or payment event with the votes and money billing counts
 * (domain/usage-fact.ts), from the events themselves, so audit reads no other context's tables.
 * Keyed by the event id: a replay or a rebuild from zero writes the same rows.
 */
@RegisteredProjection()
export class UsageFactsProjection implements Projection {
  readonly name = 'audit.usage-facts';
  readonly version = 1;
  readonly filter = { eventTypes: USAGE_EVENT_TYPES };
  readonly tables = ['usage_facts'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const facts = events.map(usageFactOf).filter((fact): fact is UsageFact => fact !== null);
    if (facts.length === 0) return;
    const rows = unnestRows(
      {
        event_id: 'uuid',
        tenant_id: 'text',
        at: 'timestamptz',
        kind: 'text',
        votes: 'integer',
        paid_votes: 'integer',
        free_votes: 'integer',
        quota_votes: 'integer',
        currency: 'text',
        amount_minor: 'bigint',
      },
      facts.map((f) => ({
        event_id: f.eventId,
        tenant_id: f.tenantId,
        at: f.at,
        kind: f.kind,
        votes: f.votes,
        paid_votes: f.paidVotes,
        free_votes: f.freeVotes,
        quota_votes: f.quotaVotes,
        currency: f.currency,
        amount_minor: f.amountMinor,
      })),
    );
    await em.execute(`insert into usage_facts (${rows.columns}) ${rows.select} on conflict (event_id) do nothing`);
  }
}
