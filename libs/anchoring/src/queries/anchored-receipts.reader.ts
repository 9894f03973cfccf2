import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';

/** One voter's vote receipts among the first `treeSize` leaves of a contest's log (what an anchor of that size covers). */
export interface AnchoredVoterReceipts {
  userId: string;
  /** Votes cast (accepted or held) whose leaf is covered. */
  votes: number;
  /** The newest of them: its leaf index and vote id (the receipt id). */
  lastLeafIndex: number;
  lastVoteId: string;
}

/** The query port (token and shape) other contexts inject; AnchoringModule (global) provides it. */
export const ANCHORED_RECEIPTS = Symbol('AnchoredReceipts');

export interface AnchoredReceipts {
  /** For each of `userIds` with a covered vote; voters with none are left out. The voter ids stay private to the caller. */
  ofVoters(tenantId: string, contestId: string, treeSize: number, userIds: readonly string[]): Promise<AnchoredVoterReceipts[]>;
}

/**
 * Reads vote_hashes (the Merkle log's leaves). Asked for the voters the caller can reach, so the
 * query groups only their rows (vote_hashes_contest_id_leaf_index_index narrows to the contest).
 */
@Injectable()
export class AnchoredReceiptsReader implements AnchoredReceipts {
  constructor(private readonly orm: MikroORM) {}

  async ofVoters(tenantId: string, contestId: string, treeSize: number, userIds: readonly string[]): Promise<AnchoredVoterReceipts[]> {
    if (userIds.length === 0) return [];
    const rows = await this.orm.em.getConnection().execute<{ user_id: string; votes: string; last_leaf_index: string; last_vote_id: string }[]>(
      `select user_id, count(*) as votes, max(leaf_index) as last_leaf_index, (array_agg(vote_id order by leaf_index desc))[1] as last_vote_id
         from vote_hashes
        where contest_id = ? and tenant_id = ? and leaf_index < ? and kind = 'vote-cast' and user_id = any(?::text[])
        group by user_id order by user_id`,
      [contestId, tenantId, treeSize, `{${userIds.map((id) => JSON.stringify(id)).join(',')}}`],
    );
    return rows.map((row) => ({ userId: row.user_id, votes: Number(row.votes), lastLeafIndex: Number(row.last_leaf_index), lastVoteId: row.last_vote_id }));
  }
}
