import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@tally/eventstore';
import { VoteCast } from '../../domain/voter.events';
import { voteHash } from '../../domain/vote-hash';
import { ReadConnection } from '../../read-models/read-connection';
import { VotingError } from '../../voting.errors';
import { iso, VoteDbRow } from './vote.view';

export interface VerifyVoteResult {
  valid: boolean;
  voteId: string;
  /** The SHA-256 of the vote's canonical fields, as recorded in the event. */
  hash: string;
  checks: { eventFound: boolean; fieldsMatch: boolean; hashMatches: boolean };
  eventId: string;
  contestantId: string;
  amount: number;
  createdAt: string;
  status: string;
  /** Where the vote sits in the log. Anchoring adds a Merkle proof later. */
  stream: { streamId: string; revision: number };
}

export class VerifyVoteQuery extends Query<VerifyVoteResult> {
  constructor(
    readonly tenantId: string,
    readonly voteId: string,
  ) {
    super();
  }
}

/** The stored vote must equal its VoteCast event, and the hash of its canonical fields must match. */
@QueryHandler(VerifyVoteQuery)
export class VerifyVoteHandler implements IQueryHandler<VerifyVoteQuery, VerifyVoteResult> {
  constructor(
    private readonly db: ReadConnection,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ tenantId, voteId }: VerifyVoteQuery): Promise<VerifyVoteResult> {
    const [row] = await this.db.query<VoteDbRow>('select * from votes where tenant_id = ? and vote_id = ?', [tenantId, voteId]);
    if (!row) throw new VotingError('VOTING.VOTE_NOT_FOUND', 'No such vote');
    const revision = Number(row.stream_revision);
    const [event] = await this.store.readStream<VoteCast['data']>(row.stream_id, { fromRevision: revision, maxCount: 1 });
    const data = event && event.type === 'VoteCast' && event.data.voteId === voteId ? event.data : undefined;
    const createdAt = iso(row.created_at);
    const fieldsMatch =
      !!data &&
      data.userId === row.user_id &&
      data.contestId === row.event_id &&
      data.contestantId === row.contestant_id &&
      data.amount === row.amount &&
      data.castAt === createdAt &&
      data.hash === row.content_hash &&
      event.metadata.tenantId === tenantId;
    const recomputed = voteHash({ voteId, tenantId, userId: row.user_id, contestId: row.event_id, contestantId: row.contestant_id, amount: row.amount, castAt: createdAt });
    const hashMatches = recomputed === row.content_hash && (!data || data.hash === recomputed);
    return {
      valid: !!data && fieldsMatch && hashMatches,
      voteId,
      hash: row.content_hash,
      checks: { eventFound: !!data, fieldsMatch, hashMatches },
      eventId: row.event_id,
      contestantId: row.contestant_id,
      amount: row.amount,
      createdAt,
      status: row.status,
      stream: { streamId: row.stream_id, revision },
    };
  }
}
