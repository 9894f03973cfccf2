export interface VoteView {
  voteId: string;
  userId: string;
  eventId: string;
  contestantId: string;
  categoryId: string | null;
  amount: number;
  voteType: string;
  status: string;
  hash: string;
  createdAt: string;
  refundedAt: string | null;
}

export interface VoteDbRow {
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
  stream_revision: string | number;
  created_at: Date | string;
  refunded_at: Date | string | null;
}

export const iso = (value: Date | string): string => new Date(value).toISOString();

export function voteView(row: VoteDbRow): VoteView {
  return {
    voteId: row.vote_id,
    userId: row.user_id,
    eventId: row.event_id,
    contestantId: row.contestant_id,
    categoryId: row.category_id,
    amount: row.amount,
    voteType: row.vote_type,
    status: row.status,
    hash: row.content_hash,
    createdAt: iso(row.created_at),
    refundedAt: row.refunded_at === null ? null : iso(row.refunded_at),
  };
}
