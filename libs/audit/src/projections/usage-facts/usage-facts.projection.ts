import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection, UnnestColumns, unnestRows } from '@tally/eventstore';
import { WITHOUT_SCREENING } from '@tally/voting';
import { USAGE_EVENT_TYPES, UsageFact, usageFactOf } from '../../domain/usage-fact';

interface DailyUsage {
  tenant_id: string;
  date: string;
  kind: string;
  currency: string;
  events: number;
  votes: number;
  paid_votes: number;
  free_votes: number;
  quota_votes: number;
  amount_minor: number;
}

const DAILY_COLUMNS: UnnestColumns<DailyUsage> = {
  tenant_id: 'text',
  date: 'date',
  kind: 'text',
  currency: 'text',
  events: 'integer',
  votes: 'bigint',
  paid_votes: 'bigint',
  free_votes: 'bigint',
  quota_votes: 'bigint',
  amount_minor: 'bigint',
};

/**
 * `usage_facts`: the votes and money billing counts (domain/usage-fact.ts), summed per tenant,
 * UTC day (the event's stored time), kind and currency ('' for votes), from the events themselves,
 * so audit reads no other context's tables. Every vote is one of these events: the batch is
 * folded in memory and written as one upsert of deltas (a handful of rows), not a row per vote.
 * Deltas are safe because the checkpoint moves in the same transaction (docs/projections.md,
 * "Batched writes"); a rebuild from zero sums the same events to the same rows.
 */
@RegisteredProjection()
export class UsageFactsProjection implements Projection {
  readonly name = 'audit.usage-facts';
  // v2: daily sums instead of a row per event.
  readonly version = 2;
  readonly filter = { eventTypes: USAGE_EVENT_TYPES };
  readonly tables = ['usage_facts'];
  readonly omitData = WITHOUT_SCREENING;

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const days = new Map<string, DailyUsage>();
    for (const event of events) {
      const fact = usageFactOf(event);
      if (fact) addTo(days, fact);
    }
    if (days.size === 0) return;
    const rows = unnestRows(DAILY_COLUMNS, [...days.values()]);
    await em.execute(
      `insert into usage_facts (${rows.columns}) ${rows.select}
       on conflict (tenant_id, date, kind, currency) do update set events = usage_facts.events + excluded.events,
         votes = usage_facts.votes + excluded.votes, paid_votes = usage_facts.paid_votes + excluded.paid_votes,
         free_votes = usage_facts.free_votes + excluded.free_votes, quota_votes = usage_facts.quota_votes + excluded.quota_votes,
         amount_minor = usage_facts.amount_minor + excluded.amount_minor`,
    );
  }
}

function addTo(days: Map<string, DailyUsage>, fact: UsageFact): void {
  const date = fact.at.slice(0, 10);
  const currency = fact.currency ?? '';
  const key = `${fact.tenantId}|${date}|${fact.kind}|${currency}`;
  const day = days.get(key) ?? { tenant_id: fact.tenantId, date, kind: fact.kind, currency, events: 0, votes: 0, paid_votes: 0, free_votes: 0, quota_votes: 0, amount_minor: 0 };
  day.events += 1;
  day.votes += fact.votes;
  day.paid_votes += fact.paidVotes;
  day.free_votes += fact.freeVotes;
  day.quota_votes += fact.quotaVotes;
  day.amount_minor += fact.amountMinor;
  days.set(key, day);
}
