import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { VOTER_EVENT_TYPES, VoterEvent } from '../../domain/voter.events';
import { recordset } from '../sql';

interface VoteInsert {
  vote_id: string;
  tenant_id: string;
  user_id: string;
  event_id: string;
  contestant_id: string;
  category_id: string | null;
  amount: number;
  vote_type: string;
  free_amount: number;
  paid_amount: number;
  status: string;
  content_hash: string;
  stream_id: string;
  stream_revision: number;
  created_at: string;
}

interface LedgerInsert {
  transaction_id: string;
  tenant_id: string;
  user_id: string;
  timestamp: string;
  kind: 'grant' | 'revoke' | 'vote' | 'refund' | 'void';
  event_id: string | null;
  vote_id: string | null;
  vote_count: number;
  credits_delta: number;
  remaining_votes: number;
}

/** The `votes` and `vote_ledger` read models, from the voter streams. One INSERT per table per batch. */
@RegisteredProjection()
export class VotesProjection implements Projection {
  readonly name = 'voting-votes';
  readonly version = 1;
  readonly filter = { streamPrefixes: ['voter-'], eventTypes: VOTER_EVENT_TYPES };
  readonly tables = ['votes', 'vote_ledger'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const votes: VoteInsert[] = [];
    const ledger: LedgerInsert[] = [];
    const statusChanges: { voteId: string; status: string; at: string }[] = [];
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as VoterEvent;
      const base = { transaction_id: recorded.id, tenant_id: recorded.metadata.tenantId, user_id: event.data.userId, timestamp: recorded.createdAt.toISOString() };
      switch (event.type) {
        case 'CreditsGranted':
          ledger.push({ ...base, kind: 'grant', event_id: null, vote_id: null, vote_count: 0, credits_delta: event.data.credits, remaining_votes: event.data.balanceAfter });
          break;
        case 'CreditsRevoked':
          ledger.push({ ...base, kind: 'revoke', event_id: null, vote_id: null, vote_count: 0, credits_delta: -event.data.credits, remaining_votes: event.data.balanceAfter });
          break;
        case 'VoteCast': {
          const d = event.data;
          votes.push({
            vote_id: d.voteId,
            tenant_id: base.tenant_id,
            user_id: d.userId,
            event_id: d.contestId,
            contestant_id: d.contestantId,
            category_id: d.categoryId,
            amount: d.amount,
            vote_type: d.paidUsed === 0 ? 'free' : d.freeUsed === 0 ? 'paid' : 'mixed',
            free_amount: d.freeUsed,
            paid_amount: d.paidUsed,
            status: d.status,
            content_hash: d.hash,
            stream_id: recorded.streamId,
            stream_revision: recorded.revision,
            created_at: d.castAt,
          });
          ledger.push({ ...base, kind: 'vote', event_id: d.contestId, vote_id: d.voteId, vote_count: d.amount, credits_delta: -d.paidUsed, remaining_votes: d.balanceAfter });
          break;
        }
        case 'VoteRefunded': {
          const d = event.data;
          statusChanges.push({ voteId: d.voteId, status: 'refunded', at: d.at });
          ledger.push({ ...base, kind: 'refund', event_id: d.contestId, vote_id: d.voteId, vote_count: -d.amount, credits_delta: d.paidReturned, remaining_votes: d.balanceAfter });
          break;
        }
        case 'VoteVoided': {
          const d = event.data;
          statusChanges.push({ voteId: d.voteId, status: 'voided', at: d.at });
          ledger.push({ ...base, kind: 'void', event_id: d.contestId, vote_id: d.voteId, vote_count: -d.amount, credits_delta: d.paidReturned, remaining_votes: d.balanceAfter });
          break;
        }
        default: {
          const unknown: never = event;
          throw new Error(`Unexpected event ${(unknown as { type: string }).type}`);
        }
      }
    }
    if (votes.length > 0) {
      await em.execute(
        `insert into votes (vote_id, tenant_id, user_id, event_id, contestant_id, category_id, amount, vote_type, free_amount, paid_amount, status, content_hash, stream_id, stream_revision, created_at)
         select * from jsonb_to_recordset(?::jsonb) as r(vote_id uuid, tenant_id text, user_id text, event_id uuid, contestant_id uuid, category_id uuid, amount integer,
           vote_type text, free_amount integer, paid_amount integer, status text, content_hash text, stream_id text, stream_revision bigint, created_at timestamptz)
         on conflict (vote_id) do nothing`,
        [recordset(votes)],
      );
    }
    if (ledger.length > 0) {
      await em.execute(
        `insert into vote_ledger (transaction_id, tenant_id, user_id, timestamp, kind, event_id, vote_id, vote_count, credits_delta, remaining_votes)
         select * from jsonb_to_recordset(?::jsonb) as r(transaction_id uuid, tenant_id text, user_id text, timestamp timestamptz, kind text, event_id uuid,
           vote_id uuid, vote_count integer, credits_delta integer, remaining_votes integer)
         on conflict (transaction_id) do nothing`,
        [recordset(ledger)],
      );
    }
    for (const change of statusChanges) {
      await em.execute(`update votes set status = ?, refunded_at = ? where vote_id = ?`, [change.status, change.at, change.voteId]);
    }
  }
}
