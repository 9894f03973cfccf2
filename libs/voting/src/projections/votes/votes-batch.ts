import { EntityManager } from '@mikro-orm/postgresql';
import { RecordedEvent, UnnestColumns, unnestRows } from '@tally/eventstore';
import { VoterEvent } from '../../domain/voter.events';

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
  refunded_at: string | null;
}

interface LedgerInsert {
  transaction_id: string;
  tenant_id: string;
  user_id: string;
  timestamp: string;
  kind: 'grant' | 'revoke' | 'vote' | 'refund' | 'void' | 'reject';
  event_id: string | null;
  vote_id: string | null;
  vote_count: number;
  credits_delta: number;
  remaining_votes: number;
}

interface StatusChange {
  vote_id: string;
  status: 'accepted' | 'held' | 'refunded' | 'voided' | 'rejected';
  /** When its credits went back (refund, void, reject); null while it stands. */
  refunded_at: string | null;
}

const VOTE_COLUMNS: UnnestColumns<VoteInsert> = {
  vote_id: 'uuid',
  tenant_id: 'text',
  user_id: 'text',
  event_id: 'uuid',
  contestant_id: 'uuid',
  category_id: 'uuid',
  amount: 'integer',
  vote_type: 'text',
  free_amount: 'integer',
  paid_amount: 'integer',
  status: 'text',
  content_hash: 'text',
  stream_id: 'text',
  stream_revision: 'bigint',
  created_at: 'timestamptz',
  refunded_at: 'timestamptz',
};

const LEDGER_COLUMNS: UnnestColumns<LedgerInsert> = {
  transaction_id: 'uuid',
  tenant_id: 'text',
  user_id: 'text',
  timestamp: 'timestamptz',
  kind: 'text',
  event_id: 'uuid',
  vote_id: 'uuid',
  vote_count: 'integer',
  credits_delta: 'integer',
  remaining_votes: 'integer',
};

const STATUS_COLUMNS: UnnestColumns<StatusChange> = { vote_id: 'uuid', status: 'text', refunded_at: 'timestamptz' };

/**
 * One batch of voter events folded in memory, then written with at most three statements: the
 * new votes, the ledger entries, and the status of older votes refunded, voided, released,
 * rejected or held now.
 *
 * Folding keeps log order: a refund or void of a vote cast earlier in the same batch changes
 * the row about to be inserted, and the UPDATE (after the inserts) sets the last status per vote.
 * Every statement is idempotent on its own (inserts skip existing keys, the UPDATE sets absolute
 * values), and the runner commits them with the checkpoint, so a batch applied again after a
 * crash writes the same rows.
 */
export class VotesBatch {
  private readonly votes = new Map<string, VoteInsert>();
  private readonly ledger: LedgerInsert[] = [];
  private readonly statusChanges = new Map<string, StatusChange>();

  add(recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as VoterEvent;
    switch (event.type) {
      case 'CreditsGranted':
        this.ledger.push(ledgerRow(recorded, event.data.userId, 'grant', null, null, 0, event.data.credits, event.data.balanceAfter));
        break;
      case 'CreditsRevoked':
        this.ledger.push(ledgerRow(recorded, event.data.userId, 'revoke', null, null, 0, -event.data.credits, event.data.balanceAfter));
        break;
      case 'VoteCast': {
        const d = event.data;
        // As `on conflict do nothing` would: a vote id seen twice keeps its first row.
        if (!this.votes.has(d.voteId)) this.votes.set(d.voteId, {
          vote_id: d.voteId,
          tenant_id: recorded.metadata.tenantId,
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
          refunded_at: null,
        });
        this.ledger.push(ledgerRow(recorded, d.userId, 'vote', d.contestId, d.voteId, d.amount, -d.paidUsed, d.balanceAfter));
        break;
      }
      case 'VoteRefunded': {
        const d = event.data;
        this.changeStatus({ vote_id: d.voteId, status: 'refunded', refunded_at: d.at });
        this.ledger.push(ledgerRow(recorded, d.userId, 'refund', d.contestId, d.voteId, -d.amount, d.paidReturned, d.balanceAfter));
        break;
      }
      case 'VoteVoided': {
        const d = event.data;
        this.changeStatus({ vote_id: d.voteId, status: 'voided', refunded_at: d.at });
        this.ledger.push(ledgerRow(recorded, d.userId, 'void', d.contestId, d.voteId, -d.amount, d.paidReturned, d.balanceAfter));
        break;
      }
      case 'HeldVoteRejected': {
        const d = event.data;
        this.changeStatus({ vote_id: d.voteId, status: 'rejected', refunded_at: d.at });
        this.ledger.push(ledgerRow(recorded, d.userId, 'reject', d.contestId, d.voteId, -d.amount, d.paidReturned, d.balanceAfter));
        break;
      }
      // Whether a vote counts moves no credits: the status changes, the ledger does not.
      case 'HeldVoteReleased':
        this.changeStatus({ vote_id: event.data.voteId, status: 'accepted', refunded_at: null });
        break;
      case 'VoteHeldForReview':
        this.changeStatus({ vote_id: event.data.voteId, status: 'held', refunded_at: null });
        break;
      default: {
        const unknown: never = event;
        throw new Error(`Unexpected event ${(unknown as { type: string }).type}`);
      }
    }
  }

  /** Inserts before the UPDATE, so the UPDATE finds this batch's votes too. */
  async write(em: EntityManager): Promise<void> {
    if (this.votes.size > 0) {
      const rows = unnestRows(VOTE_COLUMNS, [...this.votes.values()]);
      await em.execute(`insert into votes (${rows.columns}) ${rows.select} on conflict (vote_id) do nothing`);
    }
    if (this.ledger.length > 0) {
      const rows = unnestRows(LEDGER_COLUMNS, this.ledger);
      await em.execute(`insert into vote_ledger (${rows.columns}) ${rows.select} on conflict (transaction_id) do nothing`);
    }
    if (this.statusChanges.size > 0) {
      const rows = unnestRows(STATUS_COLUMNS, [...this.statusChanges.values()]);
      await em.execute(`update votes v set status = r.status, refunded_at = r.refunded_at from (${rows.select}) r where v.vote_id = r.vote_id`);
    }
  }

  /**
   * The vote's row about to be inserted takes its final status; the UPDATE carries every change
   * too (refunds are rare), so a row that already existed — whatever brought it there — ends the
   * same as if the events had been applied one by one.
   */
  private changeStatus(change: StatusChange): void {
    const pending = this.votes.get(change.vote_id);
    if (pending) {
      pending.status = change.status;
      pending.refunded_at = change.refunded_at;
    }
    this.statusChanges.set(change.vote_id, change);
  }
}

/** One ledger entry per voter event; a literal of one fixed shape (no spreads) keeps this loop cheap. */
function ledgerRow(
  recorded: RecordedEvent,
  userId: string,
  kind: LedgerInsert['kind'],
  eventId: string | null,
  voteId: string | null,
  voteCount: number,
  creditsDelta: number,
  remaining: number,
): LedgerInsert {
  return {
    transaction_id: recorded.id,
    tenant_id: recorded.metadata.tenantId,
    user_id: userId,
    timestamp: recorded.createdAt.toISOString(),
    kind,
    event_id: eventId,
    vote_id: voteId,
    vote_count: voteCount,
    credits_delta: creditsDelta,
    remaining_votes: remaining,
  };
}
