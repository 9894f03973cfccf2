import { Inject, Optional } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { TENANT_USERS, TenantUserLookup } from '@tally/platform';
import { ReadConnection } from '../../read-models/read-connection';
import { VotingError } from '../../voting.errors';
import { ledgerCursor, voteCursor } from './page-cursors';
import { iso, VoteDbRow, VoteView, voteView } from './vote.view';

export class GetVoteQuery extends Query<VoteDbRow> {
  constructor(
    readonly tenantId: string,
    readonly voteId: string,
  ) {
    super();
  }
}

@QueryHandler(GetVoteQuery)
export class GetVoteHandler implements IQueryHandler<GetVoteQuery, VoteDbRow> {
  constructor(private readonly db: ReadConnection) {}

  async execute({ tenantId, voteId }: GetVoteQuery): Promise<VoteDbRow> {
    const [row] = await this.db.query<VoteDbRow>('select * from votes where tenant_id = ? and vote_id = ?', [tenantId, voteId]);
    if (!row) throw new VotingError('VOTING.VOTE_NOT_FOUND', 'No such vote');
    return row;
  }
}

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/** Newest first; the cursor is the last vote id seen (UUIDv7 ids sort by time). */
export class ListUserVotesQuery extends Query<Page<VoteView>> {
  constructor(
    readonly tenantId: string,
    readonly userId: string,
    readonly cursor: string | undefined,
    readonly limit: number,
  ) {
    super();
  }
}

@QueryHandler(ListUserVotesQuery)
export class ListUserVotesHandler implements IQueryHandler<ListUserVotesQuery, Page<VoteView>> {
  constructor(
    private readonly db: ReadConnection,
    @Optional() @Inject(TENANT_USERS) private readonly users?: TenantUserLookup,
  ) {}

  async execute({ tenantId, userId, cursor: given, limit }: ListUserVotesQuery): Promise<Page<VoteView>> {
    const cursor = voteCursor(given);
    // An empty page would say "this user never voted" about someone who does not exist.
    if (this.users && !(await this.users.isUserOf(tenantId, userId))) throw new VotingError('VOTING.USER_NOT_FOUND', 'No such user in this tenant');
    const rows = await this.db.query<VoteDbRow>(
      `select * from votes where tenant_id = ? and user_id = ? ${cursor ? 'and vote_id < ?' : ''} order by vote_id desc limit ?`,
      cursor ? [tenantId, userId, cursor, limit + 1] : [tenantId, userId, limit + 1],
    );
    const items = rows.slice(0, limit).map(voteView);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].voteId : null };
  }
}

export interface LedgerEntryView {
  transactionId: string;
  kind: string;
  timestamp: string;
  eventId: string | null;
  voteId: string | null;
  voteCount: number;
  creditsDelta: number;
  remainingVotes: number;
}

/** The voter's ledger, newest first; the cursor is `<timestamp>|<transactionId>` of the last entry. */
export class ListLedgerQuery extends Query<Page<LedgerEntryView>> {
  constructor(
    readonly tenantId: string,
    readonly userId: string,
    readonly cursor: string | undefined,
    readonly limit: number,
  ) {
    super();
  }
}

interface LedgerDbRow {
  transaction_id: string;
  kind: string;
  timestamp: Date | string;
  event_id: string | null;
  vote_id: string | null;
  vote_count: number;
  credits_delta: number;
  remaining_votes: number;
}

@QueryHandler(ListLedgerQuery)
export class ListLedgerHandler implements IQueryHandler<ListLedgerQuery, Page<LedgerEntryView>> {
  constructor(private readonly db: ReadConnection) {}

  async execute({ tenantId, userId, cursor, limit }: ListLedgerQuery): Promise<Page<LedgerEntryView>> {
    const seen = ledgerCursor(cursor);
    const after = seen ? 'and (timestamp, transaction_id) < (?::timestamptz, ?::uuid)' : '';
    const rows = await this.db.query<LedgerDbRow>(
      `select * from vote_ledger where tenant_id = ? and user_id = ? ${after} order by timestamp desc, transaction_id desc limit ?`,
      seen ? [tenantId, userId, seen.at, seen.id, limit + 1] : [tenantId, userId, limit + 1],
    );
    const items = rows.slice(0, limit).map((row) => ({
      transactionId: row.transaction_id,
      kind: row.kind,
      timestamp: iso(row.timestamp),
      eventId: row.event_id,
      voteId: row.vote_id,
      voteCount: row.vote_count,
      creditsDelta: row.credits_delta,
      remainingVotes: row.remaining_votes,
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? `${last.timestamp}|${last.transactionId}` : null };
  }
}
